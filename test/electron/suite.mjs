// The extension-host suite: the same checks as the real-editor UI test (test/e2e/editor.e2e.mjs), made through
// the VS Code API instead of the DOM. It runs inside an extension host, loaded through `extensionTestsPath`
// (test/electron/index.cjs), either in VS Code started by @vscode/test-electron or in code-server
// (test/electron/run.mjs --code-server). mocha is not a dependency: a tiny runner below prints TAP.
//
// Inputs (environment of the extension host):
//   API_PARITY_SUITE_EXPECTED  the CLI's JSON report (`api-parity check <workspace> --format json`) of the
//                              untouched workspace: the source of every expected number
// The workspace is the first workspace folder, a throw-away copy of examples/fullstack (the suite scaffolds a file).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { groupsOf, SCAFFOLD_REL, SCAFFOLD_TITLE, waitFor } from '../e2e/expected.mjs';

const EXTENSION_ID = 'api-parity.api-parity';


function within(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms)))]).finally(() => clearTimeout(timer));
}

/**
 * Runs the suite. `vscode` is the extension API module; `log` prints a line.
 * Resolves with { tests, passed, failed, results: [{ name, ok, ms, error? }] } and never throws.
 */
/**
 * Runs a quick fix's command as the light bulb does. A fix that writes beyond the open file waits in VS Code's
 * Refactor Preview, its changes unticked (they need confirmation): do what a person does there through the
 * panel's commands (focus the first row, the file, tick it with all its changes, Apply) until the command has finished.
 */
async function runFix(vscode, command) {
  let done = false;
  const running = Promise.resolve(vscode.commands.executeCommand(command.command, ...(command.arguments ?? []))).finally(() => (done = true));
  const run = (id) => Promise.resolve(vscode.commands.executeCommand(id)).catch(() => undefined);
  while (!done) {
    await new Promise((r) => setTimeout(r, 250));
    if (done) break;
    await run('refactorPreview.groupByFile');
    await run('list.focusFirst');
    await run('refactorPreview.toggleCheckedState');
    await run('refactorPreview.apply');
  }
  return running;
}

export async function run(vscode, { env = process.env, log = console.log } = {}) {
  const tests = [];
  const test = (name, fn, timeoutMs = 90_000) => tests.push({ name, fn, timeoutMs });
  const folder = vscode.workspace.workspaceFolders?.[0];
  const ws = folder?.uri.fsPath;
  const uri = (rel) => vscode.Uri.joinPath(folder.uri, ...rel.split('/'));
  let report;
  let api;
  let scaffolded = '';
  let racedActions = [];

  // The provider commands need the document loaded in the editor (as a person would have it open).
  const open = async (rel) => vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri(rel)), { preview: false });
  const lensTitles = async (rel) => {
    await open(rel);
    const lenses = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri(rel), 100)) ?? [];
    return lenses.filter((l) => l.command?.title).map((l) => ({ title: l.command.title, line: l.range.start.line }));
  };
  const ourDiagnostics = (rel) => vscode.languages.getDiagnostics(uri(rel)).filter((d) => d.source === 'API Parity');
  const quickFixes = async (rel, range) => (await open(rel), await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri(rel), range, vscode.CodeActionKind.QuickFix.value, 10)) ?? [];
  const unusedDiagnostic = async () => {
    const gap = report.gaps.find((g) => g.kind === 'unused-endpoint');
    return waitFor(() => ourDiagnostics(gap.file).find((d) => d.code === 'unused-endpoint'), 30_000, `the unused-endpoint diagnostic in ${gap.file}`);
  };

  test('the extension activates and indexes the workspace', async () => {
    assert.ok(ws, 'a workspace folder is open');
    assert.ok(env.API_PARITY_SUITE_EXPECTED, 'API_PARITY_SUITE_EXPECTED names the CLI report');
    report = JSON.parse(readFileSync(env.API_PARITY_SUITE_EXPECTED, 'utf8'));
    assert.ok(!existsSync(join(ws, ...SCAFFOLD_REL.split('/'))), `${SCAFFOLD_REL} does not exist yet`);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    api = await within(ext.activate(), 60_000, 'activate()');
    assert.equal(typeof api?.whenIndexed, 'function', 'activate() returns the test API');
    const first = await within(api.whenIndexed(), 60_000, 'whenIndexed()');
    assert.ok(first.folders.some((f) => f.result), 'a folder was analysed');
  });

  test('the Gap Explorer data has the CLI numbers', async () => {
    const expected = groupsOf(report);
    log(`# expected groups (api-parity check --format json): ${expected.join(', ')}`);
    const current = () => api.gaps()?.folders.find((f) => f.result)?.result;
    await waitFor(() => !api.gaps()?.indexing && JSON.stringify(groupsOf(current())) === JSON.stringify(expected), 30_000, `the groups ${expected.join(', ')}`).catch((e) => {
      throw new Error(`${e.message}; the extension has ${current() ? groupsOf(current()).join(', ') : 'no result'}`);
    });
    const s = current().summary;
    for (const k of ['endpoints', 'used', 'unused', 'calls', 'missing', 'methodMismatch', 'external']) assert.equal(s[k], report.summary[k], `summary.${k}`);
  });

  test('the missing endpoint is a warning on UserAvatar.tsx', async () => {
    const gap = report.gaps.find((g) => g.kind === 'missing-endpoint');
    const d = await waitFor(() => ourDiagnostics(gap.file).find((x) => x.message.startsWith('No route for GET /api/v1/users/{}/avatar')), 30_000, `the missing-endpoint diagnostic on ${gap.file}`);
    assert.equal(d.message, gap.message);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(d.code, 'missing-endpoint');
    assert.equal(d.range.start.line, gap.line - 1);
    // Every gap is a diagnostic on its file.
    for (const g of report.gaps) assert.ok(ourDiagnostics(g.file).some((x) => x.code === g.kind && x.range.start.line === g.line - 1), `a ${g.kind} diagnostic on ${g.file}:${g.line}`);
  });

  test('the unused route is a faded hint on items.py', async () => {
    const gap = report.gaps.find((g) => g.kind === 'unused-endpoint');
    const d = await unusedDiagnostic();
    assert.equal(d.severity, vscode.DiagnosticSeverity.Hint);
    assert.ok(d.tags?.includes(vscode.DiagnosticTag.Unnecessary), 'tagged Unnecessary (drawn faded)');
    assert.equal(d.range.start.line, gap.line - 1);
    assert.equal(d.message, gap.message);
  });

  test('code lenses: "no matching route", "→ GET /api/v1/users…", "no callers in this workspace"', async () => {
    const missing = report.gaps.find((g) => g.kind === 'missing-endpoint');
    const unused = report.gaps.find((g) => g.kind === 'unused-endpoint');
    let seen = [];
    await waitFor(async () => (seen = await lensTitles(missing.file)).some((l) => l.title === 'no matching route' && l.line === missing.line - 1), 30_000, `"no matching route" on ${missing.file}:${missing.line}`).catch((e) => {
      throw new Error(`${e.message}; lenses: ${JSON.stringify(seen)}`);
    });
    const ep = report.endpoints.find((e) => e.method === 'GET' && e.path === '/api/v1/users');
    await waitFor(async () => (seen = await lensTitles('frontend/src/lib/api.ts')).some((l) => l.title === `→ GET /api/v1/users · ${ep.file}:${ep.line}`), 30_000, 'the lens "→ GET /api/v1/users · …" in api.ts').catch((e) => {
      throw new Error(`${e.message}; lenses: ${JSON.stringify(seen)}`);
    });
    await waitFor(async () => (seen = await lensTitles(unused.file)).some((l) => l.title === 'no callers in this workspace' && l.line === unused.line - 1), 30_000, `"no callers in this workspace" on ${unused.file}:${unused.line}`).catch((e) => {
      throw new Error(`${e.message}; lenses: ${JSON.stringify(seen)}`);
    });
  });

  test('the scaffold quick fix creates the Next.js proxy route', async () => {
    const gap = report.gaps.find((g) => g.kind === 'unused-endpoint');
    const d = await unusedDiagnostic();
    const actions = await quickFixes(gap.file, d.range);
    log(`# quick fixes on ${gap.file}:${gap.line}: ${JSON.stringify(actions.map((a) => a.title))}`);
    const action = actions.find((a) => a.title.startsWith(SCAFFOLD_TITLE));
    assert.ok(action, `a quick fix starting with "${SCAFFOLD_TITLE}"`);
    assert.ok(action.title.includes(`(${SCAFFOLD_REL})`), action.title);
    assert.equal(action.command?.command, 'apiParity.applyFix', 'the fix is a command that applies its edit and opens the file');
    // A second Ctrl+. before choosing, as a hurried user might: both lists are then applied in turn.
    racedActions = (await quickFixes(gap.file, d.range)).filter((a) => a.title.startsWith(SCAFFOLD_TITLE) || a.title.startsWith('Add DELETE to the proxy route'));
    // What the light bulb does: run the action's command.
    await runFix(vscode, action.command);
    const file = join(ws, ...SCAFFOLD_REL.split('/'));
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath === file, 15_000, `${SCAFFOLD_REL} to open in the editor`);
    const doc = vscode.workspace.textDocuments.find((t) => t.uri.fsPath === file);
    if (doc?.isDirty) await doc.save();
    await waitFor(() => existsSync(file) && readFileSync(file, 'utf8').includes('export async function DELETE'), 15_000, `${SCAFFOLD_REL} on disk`);
    scaffolded = readFileSync(file, 'utf8');
    log(`# ----- ${SCAFFOLD_REL} -----\n${scaffolded.replace(/^/gm, '# ')}`);
    assert.match(scaffolded, /export\s+async\s+function\s+DELETE\s*\(/);
    assert.match(scaffolded, /\bfetch\(/);
    assert.ok(scaffolded.includes('/items/${encodeURIComponent(itemId)}'), 'forwards to /items/${encodeURIComponent(itemId)}');
    assert.deepEqual(readdirSync(dirname(file)), ['route.ts']);
    // The fix's command opened it.
    const inTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input?.uri?.fsPath === file);
    await waitFor(inTab, 10_000, 'route.ts in an editor tab');
  });

  test('after the fix, the extension agrees with the CLI', async () => {
    assert.ok(scaffolded, 'the previous test scaffolded the file');
    // The CLI of the development extension, run on the workspace as it is now (Electron runs it as Node).
    const cliJs = join(vscode.extensions.getExtension(EXTENSION_ID).extensionPath, 'dist', 'cli.js');
    assert.ok(existsSync(cliJs), `${cliJs} exists (the suite runs against the built repository)`);
    const cli = spawnSync(process.execPath, [cliJs, 'check', ws, '--format', 'json', '--fail-on', 'never'], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    assert.equal(cli.status, 0, `api-parity check failed: ${cli.stderr}`);
    const after = JSON.parse(cli.stdout);
    const expected = groupsOf(after);
    log(`# groups after the fix (api-parity check): ${expected.join(', ')}`);
    const current = () => api.gaps()?.folders.find((f) => f.result)?.result;
    await waitFor(() => !api.gaps()?.indexing && JSON.stringify(groupsOf(current())) === JSON.stringify(expected), 30_000, `the groups ${expected.join(', ')}`).catch((e) => {
      throw new Error(`${e.message}; the extension has ${current() ? groupsOf(current()).join(', ') : 'no result'}`);
    });
    const gap = report.gaps.find((g) => g.kind === 'unused-endpoint');
    const ep = after.endpoints.find((e) => e.method === gap.method && e.path === gap.path);
    const title = ep.callers.length ? `${ep.callers.length} caller${ep.callers.length === 1 ? '' : 's'}` : 'no callers in this workspace';
    let seen = [];
    await waitFor(async () => (seen = await lensTitles(gap.file)).some((l) => l.title === title && l.line === gap.line - 1), 30_000, `the lens "${title}" on ${gap.file}:${gap.line}`).catch((e) => {
      throw new Error(`${e.message}; lenses: ${JSON.stringify(seen)}`);
    });
    const stillUnused = ourDiagnostics(gap.file).some((d) => d.code === 'unused-endpoint');
    assert.equal(stillUnused, ep.callers.length === 0, `the unused-endpoint hint is ${ep.callers.length ? 'gone' : 'still there'}`);
  });

  test('the scaffold quick fix never overwrites the route', async () => {
    assert.ok(scaffolded, 'the previous test scaffolded the file');
    const gap = report.gaps.find((g) => g.kind === 'unused-endpoint');
    const file = join(ws, ...SCAFFOLD_REL.split('/'));
    const saveAll = async () => {
      const doc = vscode.workspace.textDocuments.find((t) => t.uri.fsPath === file);
      assert.equal(doc?.getText() ?? scaffolded, scaffolded, 'the editor text is unchanged');
      if (doc?.isDirty) await doc.save();
    };
    // Right after the first fix, before re-indexing: whatever was offered then must leave the file alone.
    log(`# quick fixes offered straight after the first one: ${JSON.stringify(racedActions.map((a) => a.title))}`);
    for (const a of racedActions) {
      if (a.command) await runFix(vscode, a.command);
      await saveAll();
      assert.equal(readFileSync(file, 'utf8'), scaffolded, `applying "${a.title}" again leaves the file unchanged`);
    }
    // Let the server take in the new file first (a snapshot that knows it, and no indexing under way).
    await waitFor(() => {
      const g = api.gaps();
      const r = g?.folders.find((f) => f.result)?.result;
      return g && !g.indexing && r && [...r.endpoints, ...r.calls].some((x) => x.file === SCAFFOLD_REL);
    }, 30_000, `the index to include ${SCAFFOLD_REL}`);
    const d = ourDiagnostics(gap.file).find((x) => x.code === 'unused-endpoint');
    log(`# the DELETE route is ${d ? 'still' : 'no longer'} reported unused`);
    const actions = d ? await quickFixes(gap.file, d.range) : [];
    log(`# quick fixes after scaffolding: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(actions.find((a) => a.title.startsWith('Add DELETE to the proxy route')), undefined, 'adding DELETE again is not offered');
    const again = actions.find((a) => a.title.startsWith(SCAFFOLD_TITLE));
    if (again?.command) {
      await runFix(vscode, again.command);
      await saveAll();
    }
    assert.equal(readFileSync(file, 'utf8'), scaffolded, 'the file on disk is unchanged');
  });

  // ---- the runner ----
  const results = [];
  log(`TAP version 13\n1..${tests.length}`);
  let skipRest = null;
  for (const [i, t] of tests.entries()) {
    const started = Date.now();
    if (skipRest) {
      results.push({ name: t.name, ok: false, ms: 0, error: `not run: ${skipRest}` });
      log(`not ok ${i + 1} - ${t.name}\n  # not run: ${skipRest}`);
      continue;
    }
    try {
      await within(Promise.resolve().then(t.fn), t.timeoutMs, t.name);
      results.push({ name: t.name, ok: true, ms: Date.now() - started });
      log(`ok ${i + 1} - ${t.name} # ${Date.now() - started} ms`);
    } catch (e) {
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      results.push({ name: t.name, ok: false, ms: Date.now() - started, error });
      log(`not ok ${i + 1} - ${t.name}\n${error.replace(/^/gm, '  # ')}`);
      if (i === 0) skipRest = 'the extension did not start';
    }
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  log(`# tests ${results.length}\n# pass ${passed}\n# fail ${failed}`);
  return { tests: results.length, passed, failed, results };
}
