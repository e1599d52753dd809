/**
 * How many workbooks each property generates. The suite runs at least 1,000 per CI run in total
 * (most through the fast raw-table path, a few hundred through files and the strict Excel), within
 * about three minutes on two busy cores. PIPC_PROPERTY_SCALE multiplies every count (10 for a long
 * soak before a release); PIPC_PROPERTY_SEED replays a failure fast-check reported.
 */
import type fc from "fast-check";

const requested = Number(process.env.PIPC_PROPERTY_SCALE ?? "1");
const scale = Number.isFinite(requested) && requested > 0 ? requested : 1;
const seed = process.env.PIPC_PROPERTY_SEED;

/** fast-check parameters for a property meant to run `n` times per CI run. */
export function params<T>(n: number): fc.Parameters<T> {
  const p: fc.Parameters<T> = { numRuns: Math.max(1, Math.round(n * scale)) };
  if (seed !== undefined && seed !== "") p.seed = Number(seed);
  return p;
}

/** Per-test timeout for `n` runs of a property taking up to `msPerRun` each (with headroom for busy CI). */
export function timeout(n: number, msPerRun: number): number {
  return Math.max(30_000, Math.round(n * scale * msPerRun * 3));
}

/** Planned runs per path, for the total above. */
export const RUNS = {
  raw: 800,
  names: 200,
  file: 150,
  strictExcel: 150,
  /** Each recalculates a file in LibreOffice (seconds each). */
  libreOffice: 4,
} as const;
