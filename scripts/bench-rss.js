/**
 * Preloaded by `npm run bench` into the `pipc generate` it measures (`node -r scripts/bench-rss.js`):
 * at exit, writes the process's peak resident set size in KiB (`process.resourceUsage().maxRSS`) to
 * the file named by PIPC_BENCH_RSS_FILE. Measured inside the process, so it needs neither
 * `/usr/bin/time` nor polling /proc.
 */
"use strict";
const fs = require("fs");

const file = process.env.PIPC_BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    try {
      fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
    } catch {
      // The bench reports the peak as unknown.
    }
  });
}
