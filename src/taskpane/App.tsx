import * as React from "react";
import { Body1, Button, FluentProvider, Title2, makeStyles, tokens, webLightTheme } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
  },
  header: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalM },
});

/**
 * The task pane's shell: Fluent UI theme and the add-in's identity. The generation panel replaces
 * the body later; until then the button stays disabled so nobody expects it to work.
 */
export function App(): React.JSX.Element {
  const styles = useStyles();
  return (
    <FluentProvider theme={webLightTheme}>
      <main className={styles.root}>
        <header className={styles.header}>
          {/* 128 px drawn at 48 px keeps the logo sharp on high-DPI screens. */}
          <img src="assets/icon-128.png" width={48} height={48} alt="" />
          <Title2 as="h1">Seguimiento PIPC</Title2>
        </header>
        <Body1 as="p">
          Genere en este libro el informe de cumplimiento del Plan Institucional de Participación Ciudadana.
        </Body1>
        <Button appearance="primary" disabled>
          Generar resumen del cuatrimestre
        </Button>
      </main>
    </FluentProvider>
  );
}
