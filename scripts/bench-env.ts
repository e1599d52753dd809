/** What `npm run bench` says about where it ran and what the task pane page loads. */
import os from "os";

/** "AMD EPYC (2450 MHz), 2 cores, 23.5 GB RAM, Node v20.20.2, linux x64" */
export function machine(): string {
  const cpus = os.cpus();
  const model = (cpus[0]?.model ?? "unknown CPU").replace(/\s+/g, " ").trim();
  const speed = cpus[0]?.speed ? ` (${cpus[0].speed} MHz)` : "";
  return `${model}${speed}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM, Node ${process.version}, ${process.platform} ${process.arch}`;
}

/** The scripts taskpane.html loads (its initial chunks), relative to its folder. */
export function taskpaneScripts(html: string): string[] {
  // A production page is minified: attribute values may come without quotes.
  return [...html.matchAll(/<script\b[^>]*?\bsrc=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)]
    .map((m) => m[1] ?? m[2] ?? m[3])
    .filter((src) => !/^(https?:)?\/\//.test(src));
}
