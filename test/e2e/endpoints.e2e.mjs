// The real-editor test of finding your way and of workspaces that are not one folder: the Endpoints view
// filtered by text, a route found through workspace symbols (Ctrl+T), and a multi-root `.code-workspace`
// (the frontend and the backend as two folders) whose calls match routes across the folders.
// Runs after editor.e2e.mjs in the same code-server (test/e2e/run.mjs). Screenshots: test-results/e2e/endpoints-NN-*.png.
// With API_PARITY_E2E_REAL=<a.code-workspace>,<b.code-workspace> it also opens those (real repositories
// copied outside the repository) and records what the views show.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { after, before, describe } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { groupsOf, waitFor } from './expected.mjs';
import { chromiumArgs, chromiumBin, findExthostLogs } from './harness.mjs';
import { workbench } from './workbench.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const URL_ = process.env.API_PARITY_E2E_URL;
const WORKSPACE = process.env.API_PARITY_E2E_WORKSPACE;
const TMP = process.env.API_PARITY_E2E_TMP;
const SHOTS = process.env.API_PARITY_E2E_SCREENSHOTS ?? join(root, 'test-results', 'e2e');
const REAL = (process.env.API_PARITY_E2E_REAL ?? '').split(',').filter(Boolean);
const skip = !URL_ || !WORKSPACE || !TMP ? 'started without a code-server: run `npm run test:e2e` (test/e2e/run.mjs)' : false;

let browser;
let page;
const wb = workbench(() => page, SHOTS, 'endpoints');
const { step, screenshot } = wb;

/** `api-parity check <dir> [--with …] --format json`. */
function cli(args, cwd) {
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'check', ...args, '--format', 'json', '--fail-on', 'never', '--no-cache'], { cwd, encoding: 'utf8', timeout: 300_000, maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, `api-parity check ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The extension's own logs ("API Parity.log"), one per extension host, oldest first. */
function extensionLogs() {
  return findExthostLogs(process.env.API_PARITY_E2E_USER_DATA_DIR ?? '').filter((p) => p.endsWith('API Parity.log'));
}

/** The endpoints the catalogue's text filter keeps (core/query/catalogue.ts: every word in label, handler, service, file). */
function filtered(report, text) {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return report.endpoints.filter((e) => words.every((w) => `${e.method === '*' ? 'ANY' : e.method} ${e.path} ${e.handler ?? ''} ${e.service} ${e.file}`.toLowerCase().includes(w)));
}

/** The folders of a .code-workspace, absolute. */
function workspaceFolders(file) {
  const ws = JSON.parse(readFileSync(file, 'utf8'));
  return ws.folders.map((f) => resolve(dirname(file), f.path));
}

/** The leaf of a pane whose label is exactly `label`. */
function paneRow(title, label) {
  const pane = page.locator('[id="workbench.view.extension.apiParity"] .pane').filter({ has: page.locator('.pane-header', { hasText: title }) });
  return pane.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
}

/**
 * In a real multi-root window: the Endpoints view filtered down to the route the CLI (first folder
 * `--with` the others) finds the most callers for, its row clicked (the editor opens at the route), and the
 * route's hover, which lists its callers. Screenshots of the filtered view and of the hover.
 */
async function realRouteHover(file, name) {
  const [first, ...others] = workspaceFolders(file);
  const report = cli([first, ...others.flatMap((o) => ['--with', o])], dirname(file));
  const used = report.endpoints.filter((e) => e.kind !== 'page' && e.method !== '*' && e.callers.length > 0).sort((a, b) => b.callers.length - a.callers.length);
  console.log(`${name}: CLI (${basename(first)} --with ${others.map((o) => basename(o)).join(', ')}): ${report.endpoints.length} endpoints, ${used.length} with callers, ${report.calls.length} calls, gaps ${JSON.stringify(report.gaps.reduce((m, g) => ({ ...m, [g.kind]: (m[g.kind] ?? 0) + 1 }), {}))}`);
  const e = used[0];
  assert.ok(e, 'a route with callers');
  const text = `${e.path} ${e.handler ?? ''}`.trim();
  await wb.runCommand('API Parity: Filter Endpoints…');
  const box = wb.quickInput().locator('input');
  await waitFor(async () => (await box.count()) > 0, 10_000, 'the filter input box');
  await box.fill(text);
  await waitFor(async () => (await box.inputValue()) === text, 5_000, 'the filter text in the box');
  await box.press('Enter');
  const row = paneRow('Endpoints', `${e.method} ${e.path}`);
  await waitFor(async () => (await row.count()) > 0, 60_000, `the row "${e.method} ${e.path}" in Endpoints`).catch(async (err) => {
    throw new Error(`${err.message}; rows:\n${(await wb.paneRows('Endpoints')).join('\n')}`);
  });
  console.log(`${name}: Endpoints filtered by "${text}" (${await wb.paneMessage('Endpoints')}):\n${(await wb.paneRows('Endpoints')).join('\n')}`);
  await wb.restMouse();
  await screenshot(`real-${name}-endpoints-filtered`);
  await row.click();
  const base = e.file.split('/').pop();
  await waitFor(async () => (await wb.activeTab()) === base, 30_000, `${base} to open at the route`);
  let hover = '';
  await waitFor(
    async () => {
      if ((await page.locator('.monaco-hover:visible').count()) === 0) await wb.runCommand('Show or Focus Hover');
      hover = await page.locator('.monaco-hover:visible').first().innerText({ timeout: 1_500 }).catch(() => '');
      return /\d+ callers?:/.test(hover);
    },
    60_000,
    `the hover of ${e.method} ${e.path} listing its callers`,
  ).catch((err) => {
    throw new Error(`${err.message}; hover: ${hover}`);
  });
  console.log(`${name}: hover on ${e.method} ${e.path} (${e.file}:${e.line}):\n${hover}`);
  await screenshot(`real-${name}-route-hover`);
  await page.keyboard.press('Escape');
  await wb.runCommand('API Parity: Clear Endpoint Filters');
}

describe('Endpoints, workspace symbols and multi-root workspaces in the real VS Code workbench', { skip }, () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: chromiumBin, headless: process.env.API_PARITY_E2E_HEADED !== '1', args: chromiumArgs });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (e) => console.log(`[page error] ${e.message.split('\n')[0]}`));
  });
  after(async () => {
    await browser?.close().catch(() => {});
  });

  step('endpoints-filtered-by-text', async () => {
    const report = cli([WORKSPACE]);
    await wb.openWorkspace(`${URL_}/?folder=${encodeURIComponent(WORKSPACE)}`);
    await waitFor(async () => (await wb.gapGroups()).some((g) => g.startsWith('Matched')), 60_000, 'the Gap Explorer');
    await waitFor(async () => (await wb.paneRows('Endpoints')).length > 0, 30_000, 'the Endpoints view rows');
    await wb.runCommand('API Parity: Filter Endpoints…');
    // Typed into the box itself once it shows (keys pressed while it opens would be lost).
    const box = wb.quickInput().locator('input');
    await waitFor(async () => (await box.count()) > 0, 10_000, 'the filter input box');
    await box.fill('items');
    await waitFor(async () => (await box.inputValue()) === 'items', 5_000, 'the filter text in the box');
    await box.press('Enter');
    const shown = filtered(report, 'items');
    const expected = `${shown.length} of ${report.endpoints.length} endpoints · “items”`;
    await waitFor(async () => (await wb.paneMessage('Endpoints')) === expected, 30_000, `the Endpoints message "${expected}"`).catch(async (e) => {
      throw new Error(`${e.message}; message: ${await wb.paneMessage('Endpoints')}`);
    });
    let rows = [];
    await waitFor(async () => (rows = await wb.paneRows('Endpoints')).filter((r) => /^ {4}\S/.test(r)).length === shown.length, 30_000, `${shown.length} endpoint rows`).catch((e) => {
      throw new Error(`${e.message}; rows:\n${rows.join('\n')}`);
    });
    console.log(`Endpoints filtered by "items":\n${rows.join('\n')}`);
    const del = shown.find((e) => e.method === 'DELETE');
    if (del) assert.ok(rows.some((r) => r.trim().startsWith(`DELETE ${del.path} | ${del.callers.length ? `${del.callers.length} caller` : 'no callers'}`)), 'the DELETE route with its caller count');
    await wb.restMouse();
    await screenshot('endpoints-filtered');
  });

  step('route-through-workspace-symbols', async () => {
    await wb.quickInputOpen('Control+T');
    await page.keyboard.type('GET /api/v1/users');
    const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'GET /api/v1/users' }).first();
    await waitFor(async () => (await row.count()) > 0, 20_000, 'a route symbol "GET /api/v1/users…"');
    const rows = await page.locator('.quick-input-list .monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    console.log(`workspace symbols for "GET /api/v1/users":\n${rows.join('\n')}`);
    await screenshot('workspace-symbols');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await wb.activeTab()) === 'users.py', 20_000, 'users.py to open at the route');
    await screenshot('route-opened');
  });

  step('service-picker-focuses-the-views', async () => {
    const report = cli([WORKSPACE]);
    const service = report.endpoints[0]?.service;
    assert.ok(service, 'a service with endpoints');
    const count = report.endpoints.filter((e) => e.service === service).length;
    // The text filter of the first step is still set: clear it, so the message names the service alone.
    await wb.runCommand('API Parity: Clear Endpoint Filters');
    await waitFor(async () => (await wb.paneMessage('Endpoints')) === '', 30_000, 'the Endpoints filter to clear');
    await wb.runCommand('API Parity: Focus on a Service…');
    const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: service }).first();
    await waitFor(async () => (await row.count()) > 0, 15_000, `the service "${service}" in the picker`);
    const rows = await page.locator('.quick-input-list .monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    console.log(`service picker:\n${rows.join('\n')}`);
    await screenshot('service-picker');
    await row.click();
    const expected = `${count} of ${report.endpoints.length} endpoints · service ${service}`;
    await waitFor(async () => (await wb.paneMessage('Endpoints')) === expected, 30_000, `the Endpoints message "${expected}"`).catch(async (e) => {
      throw new Error(`${e.message}; message: ${await wb.paneMessage('Endpoints')}`);
    });
    await wb.restMouse();
    await screenshot('service-focused');
    await wb.runCommand('API Parity: Clear Endpoint Filters');
    await waitFor(async () => (await wb.paneMessage('Endpoints')) === '', 30_000, 'the Endpoints filter to clear');
  });

  step('multi-root-workspace-matched-across-folders', async () => {
    const dir = join(TMP, 'multi-root');
    cpSync(join(root, 'examples', 'fullstack', 'frontend'), join(dir, 'web'), { recursive: true });
    cpSync(join(root, 'examples', 'fullstack', 'backend'), join(dir, 'api'), { recursive: true });
    const file = join(dir, 'fullstack.code-workspace');
    writeFileSync(file, JSON.stringify({ folders: [{ path: 'web' }, { path: 'api' }] }, null, 2));
    // The CLI with --with says what the two folders are as one system; alone, the frontend has no backend.
    const together = cli(['web', '--with', 'api'], dir);
    assert.ok(together.summary.used > 0, 'the CLI matches calls across the folders');
    const expected = groupsOf(together);
    const logsBefore = extensionLogs().length;
    await wb.openWorkspace(`${URL_}/?workspace=${encodeURIComponent(file)}`);
    // code-server sometimes starts a new window's extension host without the .code-workspace's folders and
    // never sends them (the extension's log says "workspace folders: 0" and no change follows, while the
    // workbench shows the workspace). No extension can see folders its host does not have; the window is
    // reloaded once, and that is printed. Folders the host has but the server missed fail the test.
    const shown = () => waitFor(async () => JSON.stringify(await wb.gapGroups()) === JSON.stringify(expected), 90_000, `the Gap Explorer groups ${expected.join(', ')}`);
    await shown().catch(async (e) => {
      const log = extensionLogs().slice(logsBefore).map((p) => readFileSync(p, 'utf8')).join('\n');
      console.log(`multi-root window, the extension's log:\n${log}`);
      const hostHadNoFolders = /workspace folders: 0\b/.test(log) && !/workspace folders changed/.test(log);
      if (!hostHadNoFolders) throw new Error(`${e.message}\nGap Explorer shows: ${(await wb.gapGroups()).join(', ')}; its message: ${await wb.paneMessage('Gap Explorer')}`);
      console.log('the extension host of the multi-root window started without its folders (code-server); reloading the window once');
      await wb.openWorkspace(`${URL_}/?workspace=${encodeURIComponent(file)}`);
      await shown().catch(async (e2) => {
        throw new Error(`${e2.message} (after a reload)\nGap Explorer shows: ${(await wb.gapGroups()).join(', ')}; its message: ${await wb.paneMessage('Gap Explorer')}`);
      });
    });
    const rows = await wb.paneRows('Gap Explorer');
    console.log(`multi-root Gap Explorer:\n${rows.join('\n')}`);
    await wb.restMouse();
    await screenshot('multi-root-gap-explorer');
    // The Problems panel lists the missing call under the web folder.
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    let problems = [];
    await waitFor(async () => (problems = await panel.locator('.monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).some((r) => r.includes('No route for GET /api/v1/users/{}/avatar')), 30_000, 'the missing-endpoint warning').catch((e) => {
      throw new Error(`${e.message}; rows:\n${problems.join('\n')}`);
    });
    console.log(`multi-root Problems:\n${problems.join('\n')}`);
    await screenshot('multi-root-problems');
    await page.keyboard.press('Control+J');
  }, { timeout: 330_000 });

  for (const [i, file] of REAL.entries()) {
    step(
      `real-repository-${i + 1}-${basename(file, '.code-workspace')}`,
      async () => {
        assert.ok(existsSync(file), `${file} exists`);
        await wb.openWorkspace(`${URL_}/?workspace=${encodeURIComponent(file)}`);
        // Poll until the Gap Explorer shows a result and stays the same between two polls.
        let last = '';
        await waitFor(
          async () => {
            const now = JSON.stringify(await wb.gapGroups());
            // "Missing" is always the first group (below Blind spots): the tree has a result.
            const stable = now === last && now.includes('Missing');
            last = now;
            return stable && !(await wb.paneRows('Gap Explorer')).some((r) => r.includes('Indexing'));
          },
          480_000,
          'the Gap Explorer to settle',
        );
        console.log(`${file}: Gap Explorer:\n${(await wb.paneRows('Gap Explorer')).join('\n')}`);
        console.log(`${file}: Endpoints:\n${(await wb.paneRows('Endpoints')).join('\n')}`);
        await wb.restMouse();
        const name = basename(file, '.code-workspace');
        await screenshot(`real-${name}`);
        await realRouteHover(file, name);
      },
      { timeout: 600_000 },
    );
  }
});
