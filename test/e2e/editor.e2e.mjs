// The real-editor test: code-server (the real VS Code workbench) with the packaged extension and a copy of
// examples/fullstack, driven from headless Chromium the way a person would: activity bar, command palette,
// Problems panel, quick open, hovers, code lenses and the light-bulb quick fix.
// Started by test/e2e/run.mjs (`npm run test:e2e`), which passes the server URL and paths in the environment.
// Every step leaves a screenshot in test-results/e2e/NN-step.png. Nothing here sleeps for a fixed time:
// every wait polls for the expected state with a deadline.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { groupCounts, groupsOf, SCAFFOLD_REL, SCAFFOLD_TITLE, waitFor } from './expected.mjs';
import { chromiumArgs, chromiumBin, findExthostLogs } from './harness.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const URL_ = process.env.API_PARITY_E2E_URL;
const WORKSPACE = process.env.API_PARITY_E2E_WORKSPACE;
const SHOTS = process.env.API_PARITY_E2E_SCREENSHOTS ?? join(root, 'test-results', 'e2e');
const TMP = process.env.API_PARITY_E2E_TMP;
const skip = !URL_ || !WORKSPACE ? 'started without a code-server: run `npm run test:e2e` (test/e2e/run.mjs)' : false;

const STEP_MS = 90_000; // per step; the runner bounds the whole run

let browser;
let page;
let shot = 0;
/** The CLI's analysis of the (untouched) workspace copy: the source of every expected number. */
let report;
let expectedGroups;

// ---------------------------------------------------------------------------------------------
// helpers


async function screenshot(name) {
  // Tooltips of the workbench chrome (not editor hovers) fade out after the pointer left: not in the picture.
  await waitFor(async () => (await page.locator('.workbench-hover:visible').count()) === 0, 2_000, 'tooltips to close').catch(() => {});
  const file = join(SHOTS, `${String(++shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file });
  console.log(`screenshot: ${file.slice(root.length + 1)}`);
  return file;
}

/** Ticks the Refactor Preview's first row (the file: all its changes) and waits until every change is ticked. */
async function tickAll(panel) {
  const boxes = panel.locator('.monaco-list-row .edit-checkbox');
  const unticked = async () => (await boxes.evaluateAll((els) => els.map((e) => e.getAttribute('aria-checked')))).filter((c) => c !== 'true').length;
  if ((await unticked()) > 0) await boxes.first().click();
  await waitFor(async () => (await unticked()) === 0, 10_000, 'every change in the Refactor Preview ticked');
}

/**
 * A quick fix that creates a file waits in VS Code's Refactor Preview: wait for it to list `file`, screenshot it,
 * click "Apply". With `optional`, no preview within a few seconds answers false.
 */
async function applyRefactorPreview(file, { optional = false } = {}) {
  const panel = page.locator('.bulk-edit-panel');
  const apply = panel.locator('.buttons .monaco-button').filter({ hasText: /^Apply$/ }).first();
  const shown = async () => (await apply.isVisible().catch(() => false)) && (await panel.locator('.monaco-list-row').evaluateAll((els) => els.map((e) => e.textContent ?? ''))).some((r) => r.includes(file));
  try {
    await waitFor(shown, optional ? 5_000 : 20_000, `the Refactor Preview listing ${file}`);
  } catch (e) {
    if (optional) return false;
    throw e;
  }
  await restMouse();
  await screenshot('refactor-preview');
  // Changes that need confirmation come unticked: tick the file (all its changes), as a person does.
  await tickAll(panel);
  await apply.click();
  await waitFor(async () => !(await apply.isVisible().catch(() => false)), 20_000, 'the Refactor Preview to close once applied');
  return true;
}

/** One user-visible step: its screenshot is taken on success and on failure. */
function step(name, fn) {
  test(name.replace(/-/g, ' '), { skip, timeout: STEP_MS }, async () => {
    try {
      await fn();
    } catch (e) {
      await screenshot(`${name}-FAILED`).catch(() => {});
      throw e;
    }
  });
}

const quickInput = () => page.locator('.quick-input-widget').filter({ has: page.locator('input:visible') });

async function quickInputOpen(key) {
  await page.keyboard.press(key);
  await waitFor(async () => (await quickInput().count()) > 0, 10_000, `the quick input after ${key}`);
}

/** F1, type a command's title, pick it. */
async function runCommand(title) {
  await quickInputOpen('F1');
  await page.keyboard.type(title);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
  await waitFor(async () => (await row.count()) > 0, 10_000, `the command "${title}" in the command palette`);
  await row.click();
  await waitFor(async () => (await quickInput().count()) === 0, 10_000, 'the command palette to close');
}

/** Ctrl+P, type the file name, pick the row for `rel` (workspace-relative). */
async function quickOpen(rel) {
  const base = rel.split('/').pop();
  const dir = rel.slice(0, -base.length - 1);
  await quickInputOpen('Control+P');
  await page.keyboard.type(rel.includes('[') ? base : `${dir.split('/').pop()}/${base}`);
  const row = page.locator(`.quick-input-list .monaco-list-row[aria-label^="${cssString(`${base} ${dir}`)}"]`).first();
  await waitFor(async () => (await row.count()) > 0, 15_000, `"${rel}" in quick open`);
  await row.click();
  await restMouse();
  await waitFor(async () => (await quickInput().count()) === 0, 10_000, 'quick open to close');
  await waitFor(async () => (await activeTab())?.path.endsWith(`/${rel}`), 20_000, `the editor tab "${base}" to be active`);
}

/** Parks the pointer on the empty part of the side bar, where it shows no hover or tooltip in screenshots. */
const restMouse = () => page.mouse.move(200, 820);

const cssString = (s) => s.replace(/["\\]/g, '\\$&');

/** The active editor tab's name ("items.py") and, for files, its full path. */
async function activeTab() {
  const tab = page.locator('.editor-group-container.active .tab.active').first();
  if (!(await tab.count())) return null;
  const name = ((await tab.getAttribute('aria-label')) ?? '').split(',')[0].trim();
  // The label reads "/abs/path/file.tsx • 5 problems in this file" when the file has problems.
  const path = ((await tab.locator('.monaco-icon-label').first().getAttribute('aria-label')) ?? '').split(' • ')[0].trim();
  return { name, path, dirty: (await tab.getAttribute('class'))?.split(/\s+/).includes('dirty') ?? false };
}

/** Ctrl+G: puts the cursor on `line` (1-based) of the active editor. */
async function goToLine(line) {
  await quickInputOpen('Control+G');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await waitFor(async () => (await quickInput().count()) === 0, 10_000, 'the Go to Line box to close');
  await waitFor(async () => new RegExp(`^Ln ${line}, Col \\d+`).test((await statusText('status.editor.selection')) ?? ''), 10_000, `the cursor on line ${line}`);
}

async function statusText(id) {
  const item = page.locator(`[id="${id}"]`).first();
  if (!(await item.count())) return null;
  return (await item.innerText()).trim();
}

async function statusAria(id) {
  const item = page.locator(`[id="${id}"]`).first();
  if (!(await item.count())) return null;
  return (await item.getAttribute('aria-label')) ?? '';
}

/** The texts of the code lenses rendered in the active editor. */
async function lenses() {
  return page.$$eval('.editor-group-container.active .monaco-editor .codelens-decoration', (els) => els.map((e) => e.textContent?.trim() ?? '').filter(Boolean));
}

async function editorText() {
  return page.$eval('.editor-group-container.active .monaco-editor .view-lines', (e) => e.innerText.replace(/\u00a0/g, ' '));
}

/** The Gap Explorer's pane (the API Parity container also holds the Endpoints view). */
const gapPane = () => page.locator('[id="workbench.view.extension.apiParity"] .pane').filter({ has: page.locator('.pane-header', { hasText: 'Gap Explorer' }) });

/** The Gap Explorer's top-level rows as "Label count". */
async function treeGroups() {
  return gapPane()
    .locator('.monaco-list-row[aria-level="1"]')
    .evaluateAll((els) => els.map((e) => `${e.querySelector('.label-name')?.textContent?.trim() ?? '?'} ${e.querySelector('.label-description')?.textContent?.trim() ?? ''}`.trim()));
}

async function treeRows() {
  return gapPane()
    .locator('.monaco-list-row')
    .evaluateAll((els) => els.map((e) => `${'  '.repeat(Number(e.getAttribute('aria-level') ?? 1) - 1)}${e.getAttribute('aria-label')}`));
}

/** Ctrl+. on the cursor; resolves with the offered action titles, or [] when VS Code says there are none. */
async function openQuickFixes() {
  await page.keyboard.press('Control+.');
  return waitFor(
    async () => {
      const rows = await page.$$eval('.action-widget .monaco-list-row.action', (els) => els.map((e) => e.textContent?.trim() ?? ''));
      if (rows.length) return rows;
      const msg = await page.$$eval('.monaco-editor-overlaymessage', (els) => els.map((e) => e.textContent ?? '').join(' '));
      return /no code actions/i.test(msg) ? ['<none>'] : null;
    },
    20_000,
    'the quick fix menu',
  ).then((r) => (r[0] === '<none>' ? [] : r));
}

async function closeQuickFixes() {
  if ((await page.locator('.action-widget .monaco-list-row.action').count()) === 0) return;
  await page.keyboard.press('Escape');
  await waitFor(async () => (await page.locator('.action-widget .monaco-list-row.action:visible').count()) === 0, 10_000, 'the quick fix menu to close');
}


/** `api-parity check <workspace> --format json`, on the workspace copy as it is now. */
function cliReport() {
  if (!existsSync(join(root, 'dist', 'cli.js'))) spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  const cli = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'check', WORKSPACE, '--format', 'json', '--fail-on', 'never'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(cli.status, 0, `api-parity check failed: ${cli.stderr}`);
  return JSON.parse(cli.stdout);
}

const scaffoldPath = () => join(WORKSPACE, ...SCAFFOLD_REL.split('/'));

// ---------------------------------------------------------------------------------------------

describe('API Parity in the real VS Code workbench (code-server)', { skip }, () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // The expected numbers come from the CLI, on the same workspace copy, before the editor touches it.
    report = cliReport();
    const n = groupCounts(report);
    // The same numbers as the CLI's own summary.
    const s = report.summary;
    assert.deepEqual([n.missing, n['method-mismatch'], n.unused, n.matched, n.external], [s.missing, s.methodMismatch, s.unused, s.used, s.external], 'group counts agree with the CLI summary');
    expectedGroups = groupsOf(report);
    console.log(`expected Gap Explorer groups (from api-parity check --format json): ${expectedGroups.join(', ')}`);
    assert.ok(!existsSync(scaffoldPath()), `${SCAFFOLD_REL} must not exist before the quick fix`);

    browser = await chromium.launch({
      executablePath: chromiumBin,
      headless: process.env.API_PARITY_E2E_HEADED !== '1',
      args: chromiumArgs,
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (e) => console.log(`[page error] ${e.message.split('\n')[0]}`));
  });

  after(async () => {
    await browser?.close().catch(() => {});
  });

  step('workbench-opens', async () => {
    await page.goto(`${URL_}/?folder=${encodeURIComponent(WORKSPACE)}`, { timeout: 60_000 });
    await page.locator('.monaco-workbench').first().waitFor({ timeout: 60_000 });
    // The explorer shows the workspace's two services.
    await waitFor(async () => {
      const rows = await page.$$eval('.explorer-folders-view .monaco-list-row', (els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      return rows.some((r) => r.startsWith('backend')) && rows.some((r) => r.startsWith('frontend'));
    }, 60_000, 'the Explorer to list backend/ and frontend/');
    await screenshot('workbench');
  });

  step('gap-explorer-groups', async () => {
    // The "API Parity" activity-bar item. Its <li> has an empty aria-label in code-server; the inner <a> is labelled.
    const item = page.locator('.activitybar a.action-label[aria-label^="API Parity"], .activitybar a.action-label[class*="activity-workbench-view-extension-apiParity"]').first();
    const visibleItem = await waitFor(async () => (await item.count()) > 0, 60_000, 'the "API Parity" activity-bar item').catch(() => false);
    const showing = async () => (await page.locator('[id="workbench.parts.sidebar"][data-active-composite="workbench.view.extension.apiParity"]:visible').count()) > 0;
    if (visibleItem && !(await showing())) await item.click();
    if (!(await showing())) {
      console.log('the activity-bar item did not open the view; using the command palette');
      await runCommand('API Parity: Focus on Gap Explorer View');
    }
    await waitFor(showing, 15_000, 'the API Parity view container in the side bar');
    const title = await page.locator('[id="workbench.parts.sidebar"] .composite.title h2').first().textContent();
    assert.match(title ?? '', /API Parity/i);
    await waitFor(async () => JSON.stringify(await treeGroups()) === JSON.stringify(expectedGroups), 60_000, `the Gap Explorer groups ${expectedGroups.join(', ')}`).catch(async (e) => {
      throw new Error(`${e.message}\nGap Explorer shows: ${(await treeGroups()).join(', ')}`);
    });
    const rows = await treeRows();
    console.log(`Gap Explorer:\n${rows.join('\n')}`);
    // The gaps' leaves are there too (groups with gaps are expanded).
    const missing = report.gaps.find((g) => g.kind === 'missing-endpoint');
    const unused = report.gaps.find((g) => g.kind === 'unused-endpoint');
    assert.ok(rows.some((r) => r.trim().startsWith(`${missing.method} ${missing.path}`)), `a row for the missing call ${missing.method} ${missing.path}`);
    assert.ok(rows.some((r) => r.trim().startsWith(`${unused.method} ${unused.path}`)), `a row for the unused route ${unused.method} ${unused.path}`);
    await restMouse();
    await screenshot('gap-explorer');
    // Issue 8's "lean start-up": the extension's own log says how long activate() took (printed, never timed).
    const activations = findExthostLogs(process.env.API_PARITY_E2E_USER_DATA_DIR ?? '')
      .filter((p) => p.endsWith('API Parity.log'))
      .flatMap((p) => readFileSync(p, 'utf8').split('\n').filter((l) => l.includes('activated in')));
    assert.ok(activations.length > 0, 'the extension logs its activation time');
    console.log(`activation (the extension's log): ${activations.map((l) => l.replace(/^.*activated in /, '')).join('; ')}`);
  });

  step('problems-panel', async () => {
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await waitFor(async () => (await panel.locator(':visible').count()) > 0, 15_000, 'the Problems panel');
    const missing = report.gaps.find((g) => g.kind === 'missing-endpoint');
    const base = missing.file.split('/').pop();
    let rows = [];
    await waitFor(
      async () => {
        rows = await panel.locator('.monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
        return rows.some((r) => r.includes(`No route for GET /api/v1/users/{}/avatar`));
      },
      30_000,
      'the missing-endpoint warning in the Problems panel',
    ).catch((e) => {
      throw new Error(`${e.message}\nProblems panel rows:\n${rows.join('\n')}`);
    });
    // The warning sits under UserAvatar.tsx: the closest file row above it.
    const at = rows.findIndex((r) => r.includes('No route for GET /api/v1/users/{}/avatar'));
    const fileRow = rows.slice(0, at).reverse().find((r) => /problems? in file /.test(r));
    assert.match(fileRow ?? '', new RegExp(`in file ${base.replace('.', '\\.')} of folder ${dirname(missing.file).replace(/\//g, '\\/')}`), 'the warning is listed under UserAvatar.tsx');
    assert.match(rows[at], /^Warning: /, 'it is a warning');
    assert.ok(rows[at].includes(missing.message.replace(/\.$/, '')), `its text is the analyzer's message: ${missing.message}`);
    assert.match(rows[at], /generated by API Parity/, 'its source is API Parity');
    // Every non-hint gap is in the panel (hints never are), and the status bar counts them.
    const shown = rows.filter((r) => /generated by API Parity$/.test(r)).length;
    const nonHint = report.gaps.filter((g) => g.severity !== 'hint').length;
    assert.equal(shown, nonHint, 'one Problems entry per warning-or-worse gap');
    const warnings = report.gaps.filter((g) => g.severity === 'warning').length;
    const counts = await statusAria('status.problems');
    assert.match(counts ?? '', new RegExp(`Warnings: ${warnings}\\b`), `the status bar counts ${warnings} warnings`);
    await screenshot('problems-panel');
    await page.keyboard.press('Control+J'); // hide the panel again, for the editor screenshots
    await waitFor(async () => (await panel.locator(':visible').count()) === 0, 10_000, 'the panel to close');
  });

  step('missing-endpoint-lens', async () => {
    const missing = report.gaps.find((g) => g.kind === 'missing-endpoint');
    await quickOpen(missing.file);
    await goToLine(missing.line);
    await waitFor(async () => (await lenses()).includes('no matching route'), 30_000, 'the code lens "no matching route" in UserAvatar.tsx').catch(async (e) => {
      throw new Error(`${e.message}; lenses: ${JSON.stringify(await lenses())}`);
    });
    await waitFor(async () => (await page.locator('.editor-group-container.active .monaco-editor .squiggly-warning').count()) > 0, 15_000, 'the warning squiggle on the fetch call');
    await screenshot('useravatar-lens');
  });

  step('matched-call-lens', async () => {
    await quickOpen('frontend/src/lib/api.ts');
    let seen = [];
    await waitFor(async () => (seen = await lenses()).some((l) => l.startsWith('→ GET /api/v1/users')), 30_000, 'a code lens "→ GET /api/v1/users…" in api.ts').catch((e) => {
      throw new Error(`${e.message}; lenses: ${JSON.stringify(seen)}`);
    });
    // Each lens names its route and where the handler is.
    const first = seen.find((l) => l.startsWith('→ GET /api/v1/users'));
    const ep = report.endpoints.find((e) => e.method === 'GET' && e.path === '/api/v1/users');
    assert.equal(first, `→ GET /api/v1/users · ${ep.file}:${ep.line}`);
    // The language status item sums the workspace up.
    const s = report.summary;
    const expected = `API Parity: ${s.used}/${s.endpoints} endpoints used`;
    await waitFor(async () => (await statusAria('status.languageStatus'))?.includes(expected), 20_000, `the language status "${expected}"`).catch(async (e) => {
      throw new Error(`${e.message}; language status: ${await statusAria('status.languageStatus')}`);
    });
    if (s.missing) assert.ok((await statusAria('status.languageStatus')).includes(`${s.missing} missing`), 'the status names the missing calls');
    await screenshot('api-ts-lens');
  });

  step('unused-route-hint-and-lens', async () => {
    const unused = report.gaps.find((g) => g.kind === 'unused-endpoint');
    await quickOpen(unused.file);
    await goToLine(unused.line);
    await waitFor(async () => (await lenses()).includes('no callers in this workspace'), 30_000, 'the lens "no callers in this workspace" in items.py').catch(async (e) => {
      throw new Error(`${e.message}; lenses: ${JSON.stringify(await lenses())}`);
    });
    // The hint is drawn as faded ("unnecessary") code; hovering it shows the analyzer's message.
    const faded = page.locator('.editor-group-container.active .view-line span.squiggly-inline-unnecessary').first();
    await waitFor(async () => (await faded.count()) > 0, 15_000, 'the faded (unused) route code');
    const fadedLine = await faded.evaluate((el) => el.closest('.view-line')?.textContent ?? '');
    assert.match(fadedLine.replace(/\u00a0/g, ' '), /@router\.delete\(/, 'the faded code is the DELETE route');
    let hover = '';
    await waitFor(
      async () => {
        await page.mouse.move(2, 2);
        await faded.hover();
        hover = await page
          .locator('.monaco-hover:visible')
          .first()
          .innerText({ timeout: 1_500 })
          .catch(() => '');
        return hover.includes(unused.message);
      },
      30_000,
      `the hover "${unused.message}"`,
    ).catch((e) => {
      throw new Error(`${e.message}; hover: ${hover}`);
    });
    await screenshot('unused-route-hover');
    await page.keyboard.press('Escape');
    await restMouse();
    await screenshot('unused-route-lens');
  });

  let scaffolded = '';
  step('scaffold-quick-fix', async () => {
    const unused = report.gaps.find((g) => g.kind === 'unused-endpoint');
    await goToLine(unused.line);
    const actions = await openQuickFixes();
    console.log(`quick fixes on ${unused.file}:${unused.line}: ${JSON.stringify(actions)}`);
    const title = actions.find((a) => a.startsWith(SCAFFOLD_TITLE));
    assert.ok(title, `a quick fix starting with "${SCAFFOLD_TITLE}" (offered: ${JSON.stringify(actions)})`);
    assert.ok(title.includes(`(${SCAFFOLD_REL})`), `the fix names the file it creates: ${title}`);
    await screenshot('quick-fix-menu');
    await page.locator('.action-widget .monaco-list-row.action').filter({ hasText: SCAFFOLD_TITLE }).first().click();
    await restMouse();
    // It creates a file: VS Code previews the edit first; nothing is on disk until "Apply".
    await applyRefactorPreview('route.ts');

    // The new file opens in an editor tab (the fix's command, apiParity.revealLocation, opens it)…
    // The fix opens the new file in an editor tab, saved.
    await waitFor(async () => (await activeTab())?.name === 'route.ts', 15_000, 'the quick fix to open route.ts in an editor tab');
    await waitFor(async () => /export async function DELETE/.test(await editorText()), 20_000, 'the DELETE handler in the route.ts editor');
    const tabPath = await page.locator('.editor-group-container.active .tab.active').first().getAttribute('aria-label');
    console.log(`active tab: ${tabPath}`);
    await waitFor(async () => (await page.locator('.editor-group-container.active .tab.active.dirty').count()) === 0, 15_000, 'route.ts to be saved by the quick fix');
    await waitFor(() => existsSync(scaffoldPath()) && statSync(scaffoldPath()).size > 0, 15_000, `${SCAFFOLD_REL} on disk`);
    scaffolded = readFileSync(scaffoldPath(), 'utf8');
    console.log(`----- ${SCAFFOLD_REL} -----\n${scaffolded}----- end of ${SCAFFOLD_REL} -----`);
    assert.match(scaffolded, /export\s+async\s+function\s+DELETE\s*\(/, 'it exports async function DELETE');
    assert.match(scaffolded, /\bfetch\(/, 'it forwards with fetch(');
    assert.ok(scaffolded.includes('/items/${encodeURIComponent(itemId)}'), 'it forwards to the backend path /items/${encodeURIComponent(itemId)}');
    assert.match(scaffolded, /method:\s*'DELETE'/, 'it forwards the DELETE method');
    // Nothing else was created next to it.
    assert.deepEqual(readdirSync(dirname(scaffoldPath())), ['route.ts']);
    await screenshot('scaffolded-route');
  });

  step('after-scaffold-editor-agrees-with-cli', async () => {
    assert.ok(scaffolded, 'the scaffold step created the file');
    // The CLI on the workspace as it is now (with the new route) says what the editor should show.
    const after = cliReport();
    const expected = groupsOf(after);
    console.log(`expected Gap Explorer groups after the quick fix (api-parity check): ${expected.join(', ')}`);
    await waitFor(async () => JSON.stringify(await treeGroups()) === JSON.stringify(expected), 30_000, `the Gap Explorer groups ${expected.join(', ')}`).catch(async (e) => {
      throw new Error(`${e.message}\nGap Explorer shows: ${(await treeGroups()).join(', ')}`);
    });
    assert.ok((await treeRows()).some((r) => r.trim().startsWith('route.ts ')), 'the new route.ts is in the Gap Explorer');
    // The backend route's lens and fading follow: a caller now, or still none.
    const gap = report.gaps.find((g) => g.kind === 'unused-endpoint');
    const ep = after.endpoints.find((e) => e.method === gap.method && e.path === gap.path);
    const lensText = ep.callers.length ? `${ep.callers.length} caller${ep.callers.length === 1 ? '' : 's'}` : 'no callers in this workspace';
    const noCallers = after.endpoints.filter((e) => e.file === gap.file && e.callers.length === 0).length;
    console.log(`after the quick fix, ${gap.method} ${gap.path} has ${ep.callers.length} caller(s): its lens should read "${lensText}"`);
    await quickOpen(gap.file);
    await goToLine(gap.line);
    await waitFor(
      async () => {
        const l = await lenses();
        return l.includes(lensText) && l.filter((t) => t === 'no callers in this workspace').length === noCallers;
      },
      20_000,
      `the lens "${lensText}" on ${gap.method} ${gap.path}`,
    ).catch(async (e) => {
      throw new Error(`${e.message}; lenses: ${JSON.stringify(await lenses())}`);
    });
    const faded = () => page.locator('.editor-group-container.active .view-line span.squiggly-inline-unnecessary').count();
    await waitFor(async () => ((await faded()) > 0) === (noCallers > 0), 20_000, `the route code ${noCallers ? 'still' : 'no longer'} drawn faded`);
    await screenshot('after-scaffold-items-py');
  });

  step('scaffold-not-applied-twice', async () => {
    assert.ok(scaffolded, 'the previous step scaffolded the file');
    const unused = report.gaps.find((g) => g.kind === 'unused-endpoint');
    await quickOpen(unused.file);
    await goToLine(unused.line);
    const actions = await openQuickFixes();
    console.log(`quick fixes after scaffolding: ${JSON.stringify(actions)}`);
    await screenshot('quick-fix-menu-again');
    const again = actions.find((a) => a.startsWith(SCAFFOLD_TITLE));
    const addMethod = actions.find((a) => a.startsWith('Add DELETE to the proxy route'));
    assert.equal(addMethod, undefined, 'the route already exports DELETE, so adding it is not offered');
    if (again) {
      // Still offered: applying it must leave the file as it is.
      console.log(`the scaffold fix is still offered ("${again}"); applying it must not change the file`);
      await page.locator('.action-widget .monaco-list-row.action').filter({ hasText: SCAFFOLD_TITLE }).first().click();
      await restMouse();
      await applyRefactorPreview('route.ts', { optional: true });
      await waitFor(async () => (await activeTab())?.name === 'route.ts', 15_000, 'route.ts to be revealed').catch(() => quickOpen(SCAFFOLD_REL));
      const text = await editorText();
      const dirty = (await page.locator('.editor-group-container.active .tab.active.dirty').count()) > 0;
      assert.equal(dirty, false, 'the route.ts editor has no unsaved change');
      assert.equal((text.match(/export async function DELETE/g) ?? []).length, 1, 'the editor shows one DELETE handler');
    } else {
      await closeQuickFixes();
    }
    assert.equal(readFileSync(scaffoldPath(), 'utf8'), scaffolded, `${SCAFFOLD_REL} is unchanged on disk`);
  });

  step('final-scaffolded-file', async () => {
    await quickOpen(SCAFFOLD_REL);
    await waitFor(async () => /export async function DELETE/.test(await editorText()), 20_000, 'the DELETE handler in the editor');
    console.log(`Gap Explorer after the quick fix:\n${(await treeRows()).join('\n')}`);
    assert.equal(readFileSync(scaffoldPath(), 'utf8'), scaffolded, `${SCAFFOLD_REL} is unchanged on disk`);
    await restMouse();
    await screenshot('final-scaffolded-file');
  });

  step('vue-file-diagnostic', async () => {
    // A call inside a Vue single-file component's <script setup>: found, and reported at its real line.
    const rel = 'frontend/src/components/UserBadge.vue';
    const text = [
      '<template>',
      '  <span class="badge">{{ label }}</span>',
      '</template>',
      '',
      '<script setup lang="ts">',
      "import { ref } from 'vue';",
      '',
      "const label = ref('');",
      "fetch('http://localhost:8000/api/v1/users/me/badge').then(async (r) => (label.value = await r.text()));",
      '</script>',
      '',
    ].join('\n');
    const line = text.split('\n').findIndex((l) => l.startsWith('fetch(')) + 1;
    writeFileSync(join(WORKSPACE, ...rel.split('/')), text);
    const gap = cliReport().gaps.find((g) => g.file === rel);
    assert.ok(gap, `api-parity check reports a gap in ${rel}`);
    assert.equal(gap.line, line, `the CLI places it on the fetch call (line ${line})`);
    // The Gap Explorer lists it under Missing, in its file.
    await waitFor(async () => (await treeRows()).some((r) => r.trim().startsWith('UserBadge.vue')), 45_000, 'UserBadge.vue in the Gap Explorer').catch(async (e) => {
      throw new Error(`${e.message}\nGap Explorer shows:\n${(await treeRows()).join('\n')}`);
    });
    // Open it the way a user would from there: a click on the call's leaf reveals it at its line (quick
    // open can lag behind a file written a moment ago).
    const leaf = gapPane().locator('.monaco-list-row').filter({ hasText: '/api/v1/users/me/badge' }).first();
    await waitFor(async () => (await leaf.count()) > 0, 30_000, 'the Gap Explorer leaf of the .vue call');
    await leaf.click();
    await waitFor(async () => (await activeTab())?.name === 'UserBadge.vue', 20_000, 'UserBadge.vue to open from the Gap Explorer').catch(() => quickOpen(rel));
    await goToLine(line);
    await waitFor(async () => (await lenses()).includes('no matching route'), 30_000, 'the code lens "no matching route" in UserBadge.vue').catch(async (e) => {
      throw new Error(`${e.message}; lenses: ${JSON.stringify(await lenses())}`);
    });
    // The squiggle sits on the line that holds the fetch call: same vertical position as that view line.
    let where = null;
    await waitFor(
      async () => {
        where = await page.evaluate(() => {
          const editor = document.querySelector('.editor-group-container.active .monaco-editor');
          if (!editor) return null;
          const squiggles = [...editor.querySelectorAll('.squiggly-warning')].map((e) => e.getBoundingClientRect().top);
          const line = [...editor.querySelectorAll('.view-line')].find((l) => (l.textContent ?? '').includes('/api/v1/users/me/badge'));
          return { squiggles, line: line ? line.getBoundingClientRect().top : null };
        });
        return where && where.line !== null && where.squiggles.some((t) => Math.abs(t - where.line) < 4);
      },
      30_000,
      `the warning squiggle on line ${line} (the fetch call) of UserBadge.vue`,
    ).catch((e) => {
      throw new Error(`${e.message}; positions: ${JSON.stringify(where)}`);
    });
    await restMouse();
    await screenshot('vue-file-diagnostic');
  });

  step('server-crash-recovery', async () => {
    // Kill the language server while it re-indexes: the client restarts it and the Gap Explorer comes back
    // with the same content as the CLI reports for the workspace as it is now.
    const now = cliReport();
    const expected = groupsOf(now);
    const warnings = now.gaps.filter((g) => g.severity === 'warning').length;
    const pattern = 'api-parity[^ ]*/dist/server\\.js';
    const before = spawnSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
    assert.ok(before.length > 0, `a running API Parity server (pgrep -f ${pattern})`);
    await runCommand('API Parity: Re-index Workspace');
    spawnSync('kill', ['-9', ...before]);
    console.log(`killed the language server (pid ${before.join(', ')}) during a re-index`);
    await waitFor(
      async () => {
        const now = spawnSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
        return now.length > 0 && now.every((p) => !before.includes(p));
      },
      60_000,
      'a new language server process',
    );
    await waitFor(async () => JSON.stringify(await treeGroups()) === JSON.stringify(expected), 60_000, `the Gap Explorer groups ${expected.join(', ')} after the restart`).catch(async (e) => {
      throw new Error(`${e.message}\nGap Explorer shows: ${(await treeGroups()).join(', ')}`);
    });
    // The diagnostics come back too: the status bar counts the warnings again.
    let counts = null;
    await waitFor(async () => new RegExp(`Warnings: ${warnings}\\b`).test((counts = await statusAria('status.problems')) ?? ''), 60_000, `the status bar to count ${warnings} warnings again`).catch((e) => {
      throw new Error(`${e.message}; status bar: ${counts}`);
    });
    await restMouse();
    await screenshot('after-server-restart');
  });

  step('repository-untouched', async () => {
    // The test worked on a copy: the demo in the repository never gets the scaffolded route.
    assert.ok(TMP && WORKSPACE.startsWith(TMP), 'the workspace is a temporary copy');
    assert.ok(!existsSync(join(root, 'examples', 'fullstack', ...SCAFFOLD_REL.split('/'))), 'examples/fullstack has no scaffolded route');
  });
});
