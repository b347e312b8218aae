// The `extensionTestsPath` module: VS Code's extension host require()s it and awaits `run()`, which must throw
// when a test fails. It loads the ESM suite (test/electron/suite.mjs) and hands it the `vscode` module, which
// only CommonJS `require` can provide. Set API_PARITY_SUITE_RESULTS to also get the results as JSON, API_PARITY_SUITE_LOG to get the output in a file.
const { appendFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

exports.run = async function run() {
  const vscode = require('vscode');
  const out = process.env.API_PARITY_SUITE_RESULTS;
  let summary;
  try {
    const suite = await import(pathToFileURL(join(__dirname, 'suite.mjs')).href);
    const logFile = process.env.API_PARITY_SUITE_LOG; // where the runner cannot see this console
    const log = (line) => {
      console.log(line);
      if (logFile) appendFileSync(logFile, `${line}\n`);
    };
    summary = await suite.run(vscode, { env: process.env, log });
  } catch (e) {
    summary = { tests: 1, passed: 0, failed: 1, results: [{ name: 'load the suite', ok: false, ms: 0, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }] };
    console.error(`could not run the suite: ${summary.results[0].error}`);
  }
  if (out) writeFileSync(out, JSON.stringify(summary, null, 2));
  if (summary.failed) throw new Error(`${summary.failed} of ${summary.tests} extension-host tests failed`);
};
