// Preloaded into processes `npm run bench` measures (node --require): at exit, writes the process's own
// resource usage (peak RSS, CPU time) to the file named by BENCH_USAGE_FILE.
const { writeFileSync } = require('node:fs');

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKb: u.maxRSS, userUs: u.userCPUTime, systemUs: u.systemCPUTime }));
  });
}
