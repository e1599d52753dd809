import type * as React from "react";
import { useSectionStyles } from "../shared.styles";
import type { SettingsPanelProps } from "./SettingsPanel.types";
import { useSettingsPanelStyles } from "./SettingsPanel.styles";
import { renderSettingsPanel } from "./renderSettingsPanel";
import { useSettingsPanel } from "./useSettingsPanel";

/** The settings kept in the Configuración sheet, so they travel with the workbook. */
export function SettingsPanel(props: SettingsPanelProps): React.JSX.Element {
  return renderSettingsPanel(useSettingsPanel(props), useSettingsPanelStyles(), useSectionStyles());
}
