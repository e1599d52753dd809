/** Formula text handling of the engine: temporary names, fills, references; and the registry. */
import { hasRelativeReference, quoteSheetName, renameInFormula, shiftFormula, splitReference } from "../../src/excel/formula-names";
import { parseRegistro, registroVacio } from "../../src/excel/registry";

const sheets = new Map([["RESUMEN", "PIPC ABC 1"], ["3.1 OAP", "PIPC ABC 2"]]);
const tables = new Map([["DEPENDENCIA_1", "PIPC_ABC_T1"]]);

test("renameInFormula cambia hojas y tablas del informe, nunca el texto entre comillas", () => {
  expect(renameInFormula("=Resumen!C5+'3.1 OAP'!$B$2", sheets, tables)).toBe("='PIPC ABC 1'!C5+'PIPC ABC 2'!$B$2");
  expect(renameInFormula("=SUM(Dependencia_1[Programado])/Dependencia_1[[#This Row],[ID]]", sheets, tables)).toBe("=SUM(PIPC_ABC_T1[Programado])/PIPC_ABC_T1[[#This Row],[ID]]");
  expect(renameInFormula('="Resumen!A1 y Dependencia_1[x]"&resumen!A1', sheets, tables)).toBe('="Resumen!A1 y Dependencia_1[x]"&\'PIPC ABC 1\'!A1');
  // Other sheets and tables, and names that merely contain a mapped one, stay.
  expect(renameInFormula("=Actividades[ID]&MiResumen!A1&Dependencia_10[ID]", sheets, tables)).toBe("=Actividades[ID]&MiResumen!A1&Dependencia_10[ID]");
  expect(renameInFormula("texto", sheets, tables)).toBe("texto");
});

test("shiftFormula mueve las referencias relativas como un relleno de Excel", () => {
  expect(shiftFormula("=INDEX(T[X],MATCH($A5,T[ID],0))", 2, 0)).toBe("=INDEX(T[X],MATCH($A7,T[ID],0))");
  expect(shiftFormula("=C5/D$5+$E$5", 1, 1)).toBe("=D6/E$5+$E$5");
  expect(shiftFormula("='3.1 OAP'!C5&\"C5\"", 1, 0)).toBe("='3.1 OAP'!C6&\"C5\"");
  expect(shiftFormula("=T[[#This Row],[Programado I]]+LOG10(A1)", 3, 0)).toBe("=T[[#This Row],[Programado I]]+LOG10(A4)");
  expect(shiftFormula("=DATE(2021,12,31)-T[[#This Row],[Fecha]]", 5, 0)).toBe("=DATE(2021,12,31)-T[[#This Row],[Fecha]]");
  expect(shiftFormula("=PIPC_Umbral_Bajo*Resumen!$C$19", 5, 0)).toBe("=PIPC_Umbral_Bajo*Resumen!$C$19");
  expect(shiftFormula("=SUM(A:A)", 1, 0)).toBeNull();
  expect(shiftFormula("=SUM(5:5)", 1, 0)).toBeNull();
});

test("hasRelativeReference distingue fórmulas que cambian de celda en celda", () => {
  expect(hasRelativeReference("=C5/D5")).toBe(true);
  expect(hasRelativeReference("=$C$5/$D$5")).toBe(false);
  expect(hasRelativeReference("=Actividades[[#This Row],[Programado I]]+PIPC_Umbral_Bajo")).toBe(false);
  expect(hasRelativeReference('=SUMIFS(Actividades[Programado I],Actividades[Dependencia],"A1")')).toBe(false);
  expect(hasRelativeReference("=SUM(A:A)")).toBe(true);
  expect(hasRelativeReference("=SUM($A:$A)")).toBe(false);
});

test("referencias con hoja y nombres de hoja entre comillas", () => {
  expect(splitReference("=Resumen!$D$20:$D$24")).toEqual({ sheet: "Resumen", address: "D20:D24" });
  expect(splitReference("='Seguimiento compromisos'!$B$5")).toEqual({ sheet: "Seguimiento compromisos", address: "B5" });
  expect(splitReference("='O''Higgins'!A1")).toEqual({ sheet: "O'Higgins", address: "A1" });
  expect(splitReference("=A1")).toBeNull();
  expect(quoteSheetName("Resumen")).toBe("Resumen");
  expect(quoteSheetName("3.1 OAP")).toBe("'3.1 OAP'");
  expect(quoteSheetName("ABC1")).toBe("'ABC1'");
  expect(quoteSheetName("O'Higgins")).toBe("'O''Higgins'");
});

test("el registro se lee con indulgencia: lo dañado o ajeno es un registro vacío", () => {
  expect(parseRegistro(undefined)).toEqual(registroVacio());
  expect(parseRegistro("{no es json")).toEqual(registroVacio());
  expect(parseRegistro({ generadas: [{ id: "{1}", key: "resumen", name: "Resumen" }, { id: 3 }], cortes: "x" })).toEqual({
    ...registroVacio(),
    generadas: [{ id: "{1}", key: "resumen", name: "Resumen" }],
  });
  const r = { ...registroVacio(), pendientes: { token: "A1B2C3", names: ["PIPC A1B2C3 1"] } };
  expect(parseRegistro(JSON.stringify(r))).toEqual(r);
});
