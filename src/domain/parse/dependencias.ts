/** The offices: read from `Dependencias`, or gathered from `Actividades` when that sheet is absent. */
import { CAMPOS_DEPENDENCIAS, type CampoDependencia, type Dependencia } from "../model";
import { normalizeKey } from "../text";
import type { Located } from "./locate";
import { RowReader } from "./rows";
import type { ProblemList } from "./values";

/**
 * The rows of `Dependencias` in sheet order, numbered 1.. A row whose name or sigla repeats one
 * already read would make `Actividades` ambiguous: it is reported (duplicate-id) and left out.
 */
export function parseDependencias(input: Located<CampoDependencia>, problems: ProblemList): Dependencia[] {
  const r = new RowReader(input, problems);
  const out: Dependencia[] = [];
  const seen = new Map<string, string>();
  for (const row of input.rows) {
    if (r.isBlank(row, CAMPOS_DEPENDENCIAS)) continue;
    const nombre = r.requiredText(
      row,
      "dependencia",
      "escriba el nombre completo de la dependencia",
      "enter the office's full name",
    );
    const sigla = r.text(row, "sigla");
    const titulo = r.text(row, "titulo");
    if (!nombre) continue;
    const keys = [{ key: normalizeKey(nombre), text: nombre, address: r.cell(row, "dependencia")!.address }];
    const siglaCell = r.cell(row, "sigla");
    if (sigla && siglaCell && normalizeKey(sigla) !== normalizeKey(nombre)) {
      keys.push({ key: normalizeKey(sigla), text: sigla, address: siglaCell.address });
    }
    const clash = keys.find((k) => seen.has(k.key));
    if (clash) {
      const first = seen.get(clash.key)!;
      problems.add(
        "duplicate-id",
        "error",
        input.sheet,
        clash.address,
        `«${clash.text}» ya aparece en ${input.sheet}!${first}: cada dependencia necesita un nombre y una sigla distintos; borre la fila repetida o cambie el nombre o la sigla. Esta fila se ignora.`,
        `"${clash.text}" already appears in ${input.sheet}!${first}: every office needs a distinct name and sigla; delete the repeated row or change its name or sigla. This row is ignored.`,
      );
      continue;
    }
    for (const k of keys) seen.set(k.key, k.address);
    out.push({ nombre, sigla: sigla || null, titulo: titulo || nombre, numero: out.length + 1 });
  }
  return out;
}

/** Finds an office by its name or sigla, forgivingly. */
export class DependencyIndex {
  private readonly byKey = new Map<string, Dependencia>();
  readonly list: Dependencia[] = [];

  constructor(initial: readonly Dependencia[] = []) {
    for (const d of initial) this.push(d);
  }

  find(text: string): Dependencia | null {
    return this.byKey.get(normalizeKey(text)) ?? null;
  }

  /** Adds an office seen in Actividades (no Dependencias sheet): the first spelling is its name. */
  addFromActividades(text: string): Dependencia {
    return this.find(text) ?? this.push({ nombre: text, sigla: null, titulo: text, numero: this.list.length + 1 });
  }

  /** "Equipo Gobierno Abierto (OAP), Subsecretaría ... (SFI)" */
  describe(): string {
    return this.list.map((d) => (d.sigla ? `${d.nombre} (${d.sigla})` : d.nombre)).join(", ");
  }

  private push(d: Dependencia): Dependencia {
    this.list.push(d);
    const k = normalizeKey(d.nombre);
    if (!this.byKey.has(k)) this.byKey.set(k, d);
    if (d.sigla) {
      const s = normalizeKey(d.sigla);
      if (!this.byKey.has(s)) this.byKey.set(s, d);
    }
    return d;
  }
}
