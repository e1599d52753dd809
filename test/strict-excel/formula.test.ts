/** The strict Excel's formula text handling: shifting, renames, the file form of structured references. */
import {
  checkFormulaSyntax,
  deleteSheetInFormula,
  renameColumnInFormula,
  renameSheetInFormula,
  renameTableInFormula,
  shiftFormula,
  structuredRefs,
  toFileForm,
} from "./formula";

describe("formula text", () => {
  it("shifts relative references only, leaving strings, names and functions alone", () => {
    expect(shiftFormula('=IF(A1>$B$1,"A1",SUM(C1:C$3))+LOG10(D2)', 2, 1)).toBe('=IF(B3>$B$1,"A1",SUM(D3:D$3))+LOG10(E4)');
    expect(shiftFormula("=Tabla1[Col]+Hoja2!A1", 1, 0)).toBe("=Tabla1[Col]+Hoja2!A2");
    expect(shiftFormula("=A1", -1, 0)).toBe("=#REF!");
  });

  it("follows sheet renames and deletions, quoting names that need it", () => {
    expect(renameSheetInFormula("=SUM(Datos!A1:A3)+'Datos'!B1", "datos", "Plan de acción")).toBe("=SUM('Plan de acción'!A1:A3)+'Plan de acción'!B1");
    expect(renameSheetInFormula('="Datos!A1"', "Datos", "X")).toBe('="Datos!A1"');
    expect(deleteSheetInFormula("=SUM(Datos!A1:A3)+1", "Datos")).toBe("=SUM(#REF!)+1");
  });

  it("turns the [@Col] shorthand into the file form", () => {
    expect(toFileForm("=[@Programado]+[@[Ejecutado I]]", "Actividades")).toBe(
      "=Actividades[[#This Row],[Programado]]+Actividades[[#This Row],[Ejecutado I]]",
    );
    expect(toFileForm("=SUM(Tabla[@[A]:[B]])")).toBe("=SUM(Tabla[[#This Row],[A]:[B]])");
    expect(toFileForm("=SUM(Tabla[Col])")).toBe("=SUM(Tabla[Col])");
  });

  it("finds structured references and follows table and column renames", () => {
    expect(structuredRefs("=SUM(Tabla[[#This Row],[Programado I]])+[@Otra]")).toEqual([
      { table: "Tabla", specifier: "[[#This Row],[Programado I]]", columns: ["Programado I"], thisRow: true },
      { table: undefined, specifier: "[@Otra]", columns: ["Otra"], thisRow: true },
    ]);
    expect(renameTableInFormula("=SUM(Tabla[Col])+Tablas[Col]", "tabla", "Plan")).toBe("=SUM(Plan[Col])+Tablas[Col]");
    expect(renameColumnInFormula("=Plan[[#This Row],[Prog]]+Plan[Prog]+Otra[Prog]", "Plan", "Prog", "Programado")).toBe(
      "=Plan[[#This Row],[Programado]]+Plan[Programado]+Otra[Prog]",
    );
  });

  it("rejects unbalanced formulas", () => {
    expect(() => checkFormulaSyntax("=SUM(A1")).toThrow(/unbalanced/);
    expect(() => checkFormulaSyntax("=A1)")).toThrow(/unbalanced/);
    expect(() => checkFormulaSyntax('="abc')).toThrow(/unterminated/);
    expect(() => checkFormulaSyntax("=Tabla[Col")).toThrow(/unbalanced/);
    expect(() => checkFormulaSyntax('=IF(A1="(",1,2)')).not.toThrow();
  });
});
