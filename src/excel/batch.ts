/**
 * Writes are planned first and applied second. A writer turns a sheet description into a list of
 * operations, each with an estimate of the bytes it adds to the request Excel receives; `applyOps`
 * queues them on the context and, only when the next one would take the request past the limit,
 * syncs the chunk so far. Excel on the web refuses requests over 5 MB; chunks stay under 4 MB so
 * the estimate's error never matters.
 *
 * No sync happens per row: a sync happens per 4 MB, so a plan that fits in one request costs none
 * here, and the caller's own sync sends it.
 */

/** The largest request a chunk may make (bytes, estimated). */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/**
 * What one queued action costs besides its data: the action itself, the object path that leads to
 * its range ("worksheets/getItem/getRange/format/font"), the property name. Measured requests of
 * Office.js run between 100 and 250 bytes per action; 300 keeps the estimate on the safe side.
 */
export const OP_OVERHEAD_BYTES = 300;

/** The largest single cell-block write: bigger blocks are split by rows into several operations. */
export const MAX_BLOCK_BYTES = 512 * 1024;

/**
 * office-js sends a 2-D write of more than this many cells (`values`, `formulas`, `numberFormat`...)
 * as one action per block of rows of about this many cells (`setRangePropertiesInBulk` in
 * excel-web-16.00.js), so a write's cost in actions is its size over 1,500, not one.
 */
export const OFFICE_CELLS_PER_ACTION = 1500;

/**
 * Actions office-js sends for a 2-D write of `rows` x `cols` cells: one up to 1,500 cells, else one
 * per block of `round(1500 / cols)` rows.
 */
export function writeActions(rows: number, cols: number): number {
  if (rows <= 0 || cols <= 0) return 0;
  if (rows * cols <= OFFICE_CELLS_PER_ACTION) return 1;
  const perAction = Math.max(1, Math.round(OFFICE_CELLS_PER_ACTION / cols));
  return Math.ceil(rows / perAction);
}

export interface WriteOp {
  /** Estimated bytes this operation adds to the request. */
  bytes: number;
  /** What it does, for debugging and tests ("Resumen: valores A1:F20"). */
  label: string;
  /** Queues the operation on the context (no sync). */
  apply: () => void;
}

/** UTF-8 length of a string, without Buffer (the add-in runs in a browser). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Estimated request bytes of writing `data` (JSON-encoded, as Office.js sends it) plus the action. */
export function payloadBytes(data: unknown): number {
  return utf8Length(JSON.stringify(data) ?? "") + OP_OVERHEAD_BYTES;
}

export interface ApplyOptions {
  limit?: number;
  /**
   * Called before the first operation of every chunk: `suspendApiCalculationUntilNextSync` lasts
   * only until the next sync, so each chunk suspends again.
   */
  onChunkStart?: () => void;
  /** Called after each intermediate sync (progress reporting). */
  onChunkSynced?: (chunk: number) => void;
}

export interface ApplyResult {
  /** Syncs made here (chunks before the last one); the caller's sync sends the last chunk. */
  syncs: number;
  /** Estimated bytes of each chunk, the last one included. */
  chunkBytes: number[];
}

/**
 * Queues the operations in order, syncing whenever the next one would overflow the current chunk.
 * The last chunk is left queued for the caller's sync (which may add loads of its own).
 */
export async function applyOps(context: { sync(): Promise<void> }, ops: readonly WriteOp[], options: ApplyOptions = {}): Promise<ApplyResult> {
  const limit = options.limit ?? MAX_REQUEST_BYTES;
  const chunkBytes: number[] = [0];
  let syncs = 0;
  let started = false;
  for (const op of ops) {
    const current = chunkBytes[chunkBytes.length - 1];
    if (started && current > 0 && current + op.bytes > limit) {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per 4 MB chunk, never per row
      await context.sync();
      syncs++;
      options.onChunkSynced?.(syncs);
      chunkBytes.push(0);
      started = false;
    }
    if (!started) {
      options.onChunkStart?.();
      started = true;
    }
    op.apply();
    chunkBytes[chunkBytes.length - 1] += op.bytes;
  }
  if (!started) options.onChunkStart?.();
  return { syncs, chunkBytes };
}

/** The total estimate of a list of operations. */
export function totalBytes(ops: readonly WriteOp[]): number {
  return ops.reduce((t, o) => t + o.bytes, 0);
}
