/**
 * Writing an output file safely, without ExcelJS (the fast path of `pipc generate` uses it too):
 * through a temporary file in the same folder, flushed, then renamed over the output, and removed
 * if anything fails or the process is interrupted.
 */
import { randomBytes } from "crypto";
import fsSync, { promises as fs } from "fs";
import path from "path";

/** Temporary files being written, removed if the process is interrupted (Ctrl+C, kill) meanwhile. */
const pendingTemps = new Set<string>();
const CLEANUP_SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

function removePendingTempsSync(): void {
  for (const f of pendingTemps) {
    try {
      fsSync.rmSync(f, { force: true });
    } catch {
      // Nothing more can be done while the process goes down.
    }
  }
  pendingTemps.clear();
}

function onCleanupSignal(signal: NodeJS.Signals): void {
  removePendingTempsSync();
  setCleanupHandlers(false);
  // Die of the same signal, as the process would have without this handler.
  process.kill(process.pid, signal);
}

function setCleanupHandlers(on: boolean): void {
  for (const s of CLEANUP_SIGNALS) {
    if (on) process.on(s, onCleanupSignal);
    else process.off(s, onCleanupSignal);
  }
  if (on) process.on("exit", removePendingTempsSync);
  else process.off("exit", removePendingTempsSync);
}

function trackTemp(tmp: string): void {
  if (pendingTemps.size === 0) setCleanupHandlers(true);
  pendingTemps.add(tmp);
}

function untrackTemp(tmp: string): void {
  if (pendingTemps.delete(tmp) && pendingTemps.size === 0) setCleanupHandlers(false);
}

/** The temporary name of an output: hidden, in the same folder (so the rename is atomic), never reused. */
export function tempPathFor(file: string): string {
  const abs = path.resolve(file);
  const base = path.basename(abs).slice(0, 100);
  return path.join(path.dirname(abs), `.${base}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
}

/**
 * Writes bytes through a temporary file in the same folder, flushed to disk, then renamed over
 * `file`: at every moment `file` is either what it was or the whole new content, and on any
 * failure (a full disk, a read-only folder, an interruption) the temporary file is removed.
 */
export async function writeFileAtomic(file: string, data: Buffer): Promise<void> {
  const tmp = tempPathFor(file);
  trackTemp(tmp);
  try {
    // "wx": a new file or nothing; never through a planted symlink or over someone else's file.
    const fh = await fs.open(tmp, "wx", 0o666);
    try {
      await fh.writeFile(data);
      // On disk before the rename, so a power cut cannot leave the new name on empty content.
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  } finally {
    untrackTemp(tmp);
  }
  await syncFolder(path.dirname(path.resolve(file)));
}

/** Flushes a folder's entries (the rename) to disk where the system allows it (not on Windows). */
async function syncFolder(dir: string): Promise<void> {
  try {
    const fh = await fs.open(dir, "r");
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Best effort: the file itself is already complete on disk.
  }
}
