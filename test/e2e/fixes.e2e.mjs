// The real-editor test of the gap quick fixes (issue 17): on a small workspace of its own (a FastAPI backend
// and a TypeScript frontend with one call to a missing route and one call with the wrong method), the
// light-bulb menu (Ctrl+.) creates the backend stub for the missing endpoint (shown first in VS Code's Refactor
// Preview, applied with its "Apply" button), then changes the call's method for the mismatch (a fix on the
// call's own line: applied at once); each time the file on disk changes and the warning goes.
// Runs after endpoints.e2e.mjs in the same code-server (test/e2e/run.mjs). Screenshots: test-results/e2e/fixes-NN-*.png.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { waitFor } from './expected.mjs';
import { chromiumArgs, chromiumBin } from './harness.mjs';
import { STEP_MS, workbench } from './workbench.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const URL_ = process.env.API_PARITY_E2E_URL;
const TMP = process.env.API_PARITY_E2E_TMP;
const SHOTS = process.env.API_PARITY_E2E_SCREENSHOTS ?? join(root, 'test-results', 'e2e');
const skip = !URL_ || !TMP ? 'started without a code-server: run `npm run test:e2e` (test/e2e/run.mjs)' : false;

const WEB = 'web/src/api.ts';
const API = 'api/main.py';
const MISSING_CALL = "export const orders = () => fetch('http://localhost:8000/api/orders');";
const MISMATCH_CALL = 'export const dropUser = (id: string) => axios.delete(`http://localhost:8000/api/users/${id}`);';
// The same shape as test/server/quickFixes.test.ts, which pins the titles and edits through the server. The app's
// own route (/health) shows a router whose prefix covers /api/orders: without one the stub is not offered.
const FILES = {
  'api/requirements.txt': 'fastapi\n',
  [API]: 'from fastapi import FastAPI, APIRouter\n\napp = FastAPI()\nrouter = APIRouter(prefix="/users")\n\n\n@router.get("/{user_id}")\ndef get_user(user_id: int): ...\n\n\napp.include_router(router, prefix="/api")\n\n\n@app.get("/health")\ndef health(): ...\n',
  'web/package.json': JSON.stringify({ name: 'web', dependencies: { axios: '1' } }),
  [WEB]: ["import axios from 'axios';", '', MISSING_CALL, MISMATCH_CALL, 'export const user = (id: string) => fetch(`http://localhost:8000/api/users/${id}`);', "export const health = () => fetch('http://localhost:8000/health');", ''].join('\n'),
  // Callers of the client functions, so the only gaps are the two the fixes are about.
  // No node_modules here: a declaration (in the project's tsconfig) keeps TypeScript's "Cannot find module
  // 'axios'" out of the Problems panel.
  'web/tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'esnext', moduleResolution: 'bundler' }, include: ['src'] }),
  'web/src/axios.d.ts': "declare module 'axios';\n",
  'web/src/main.ts': "import { dropUser, health, orders, user } from './api';\n\nvoid orders();\nvoid dropUser('1');\nvoid user('1');\nvoid health();\n",
};
const MISSING_MSG = 'No route for GET /api/orders';
const MISMATCH_MSG = 'DELETE /api/users/{}: /api/users/{user_id} accepts only GET';

let browser;
let page;
let dir;
const wb = workbench(() => page, SHOTS, 'fixes');
const { step, screenshot } = wb;
const read = (rel) => readFileSync(join(dir, ...rel.split('/')), 'utf8');
/** 1-based line and column inside the URL of the call on `source`'s line (inside the diagnostic's range). */
function urlPosition(source) {
  const lines = read(WEB).split('\n');
  const i = lines.indexOf(source);
  assert.ok(i >= 0, `${WEB} has the line ${source}`);
  return { line: i + 1, column: lines[i].indexOf('http') + 2 };
}
/** Problems panel rows that carry `message`. */
const problemsWith = async (message) => (await wb.problems()).filter((r) => r.includes(message));

async function showProblems() {
  if ((await page.locator('.markers-panel:visible').count()) === 0) await page.keyboard.press('Control+Shift+M');
  await waitFor(async () => (await page.locator('.markers-panel:visible').count()) > 0, 10_000, 'the Problems panel');
}

/** Cursor into the call's URL, Ctrl+., pick the fix whose title starts with `prefix`; returns the picked title. */
async function applyFix(source, prefix) {
  // A menu left open by an earlier failed step would take the keys meant for quick open.
  if ((await page.locator('.action-widget .monaco-list-row.action:visible').count()) > 0) await page.keyboard.press('Escape');
  await wb.quickOpen(WEB);
  const { line, column } = urlPosition(source);
  await wb.goTo(line, column);
  const actions = await wb.openQuickFixes();
  console.log(`quick fixes on ${WEB}:${line}:${column}: ${JSON.stringify(actions)}`);
  const title = actions.find((a) => a.startsWith(prefix));
  assert.ok(title, `a quick fix starting with "${prefix}" (offered: ${JSON.stringify(actions)})`);
  await screenshot(`menu-${prefix.split(' ')[0].toLowerCase()}`);
  await wb.pickQuickFix(title);
  await wb.restMouse();
  return title;
}

describe('Quick fixes for a missing endpoint and a method mismatch in the real VS Code workbench', { skip }, () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dir = join(TMP, 'fixes');
    for (const [rel, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    browser = await chromium.launch({ executablePath: chromiumBin, headless: process.env.API_PARITY_E2E_HEADED !== '1', args: chromiumArgs });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (e) => console.log(`[page error] ${e.message.split('\n')[0]}`));
  });
  after(async () => {
    await browser?.close().catch(() => {});
  });

  step('two-gaps-in-the-problems-panel', async () => {
    await wb.openWorkspace(`${URL_}/?folder=${encodeURIComponent(dir)}`);
    await waitFor(async () => JSON.stringify(await wb.gapGroups()) === JSON.stringify(['Missing 1', 'Method mismatch 1', 'Unused 0', 'Matched 2']), 90_000, 'the Gap Explorer: one missing, one mismatch').catch(async (e) => {
      throw new Error(`${e.message}; it shows ${(await wb.gapGroups()).join(', ')}`);
    });
    await wb.quickOpen(WEB);
    await showProblems();
    let rows = [];
    await waitFor(async () => (rows = await wb.problems()).some((r) => r.includes(MISSING_MSG)) && rows.some((r) => r.includes(MISMATCH_MSG)), 30_000, 'both warnings in the Problems panel').catch((e) => {
      throw new Error(`${e.message}; rows:\n${rows.join('\n')}`);
    });
    console.log(`Problems before the fixes:\n${rows.join('\n')}`);
    await screenshot('two-gaps');
  });

  step('missing-endpoint-create-the-route', async () => {
    const title = await applyFix(MISSING_CALL, 'Create the route');
    assert.equal(title, `Create the route GET /api/orders in ${API}`);
    // It writes main.py, not the open file: VS Code shows the edit in its Refactor Preview first.
    await wb.applyRefactorPreview('main.py', { before: async () => assert.equal(read(API), FILES[API], `${API} is not written before the preview is applied`) });
    // The fix writes and saves the backend file, then opens it at the new handler.
    const stub = '@app.get("/api/orders")';
    await waitFor(() => read(API).includes(stub), 20_000, `${API} on disk to get ${stub}`);
    const text = read(API);
    console.log(`----- ${API} -----\n${text}----- end of ${API} -----`);
    assert.match(text, /@app\.get\("\/api\/orders"\)\ndef \w+\(\):\n\s+raise HTTPException\(status_code=501/, 'a FastAPI handler for GET /api/orders answering 501');
    assert.match(text, /^from fastapi import .*HTTPException/m, 'HTTPException imported');
    // Only lines were added: the old file's lines are all there, in their order.
    const lines = text.split('\n');
    let at = 0;
    for (const l of FILES[API].split('\n')) {
      at = lines.indexOf(l, at);
      assert.ok(at >= 0, `the existing line "${l}" is kept in its place`);
      at++;
    }
    await waitFor(async () => (await wb.activeTab()) === 'main.py', 20_000, 'main.py to open at the new handler');
    await waitFor(async () => (await wb.editorText()).includes(stub), 20_000, 'the stub in the main.py editor');
    await waitFor(async () => (await page.locator('.editor-group-container.active .tab.active.dirty').count()) === 0, 15_000, 'main.py to be saved by the fix');
    let rows = [];
    await waitFor(async () => (rows = await wb.problems()).length > 0 && (await problemsWith(MISSING_MSG)).length === 0 && rows.some((r) => r.includes(MISMATCH_MSG)), 60_000, 'the missing-endpoint warning to go (the mismatch stays)').catch((e) => {
      throw new Error(`${e.message}; rows:\n${rows.join('\n')}`);
    });
    await waitFor(async () => JSON.stringify(await wb.gapGroups()) === JSON.stringify(['Missing 0', 'Method mismatch 1', 'Unused 0', 'Matched 3']), 30_000, 'the Gap Explorer: the call matched, no new gap');
    console.log(`Problems after creating the route:\n${rows.join('\n')}`);
    // The cursor was put on the new handler; then the view scrolls to the top (the cursor stays) so the
    // picture shows the whole file with the added import.
    const stubLine = text.split('\n').indexOf(stub) + 1;
    const selection = page.locator('[id="status.editor.selection"]').first();
    await waitFor(async () => (await selection.innerText()).trim().startsWith(`Ln ${stubLine},`), 10_000, `the cursor on the new handler (line ${stubLine})`);
    const editor = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
    await editor.hover();
    const lineNumbers = () => page.$$eval('.editor-group-container.active .monaco-editor .line-numbers', (els) => els.map((e) => e.textContent?.trim()));
    await waitFor(async () => {
      if ((await lineNumbers()).includes('1')) return true;
      await page.mouse.wheel(0, -400);
      return false;
    }, 10_000, 'main.py scrolled to line 1');
    await wb.restMouse();
    await screenshot('route-created');
  }, { timeout: 2 * STEP_MS });

  step('method-mismatch-change-the-method', async () => {
    const title = await applyFix(MISMATCH_CALL, "Change the call's method");
    assert.equal(title, "Change the call's method to GET");
    // An edit of the call's own line applies at once (no preview): the change is in view and one undo away.
    assert.equal(await page.locator('.bulk-edit-panel .buttons .monaco-button:visible').count(), 0, 'no Refactor Preview for a fix on the current line');
    const fixed = MISMATCH_CALL.replace('axios.delete(', 'axios.get(');
    await waitFor(() => read(WEB).split('\n').includes(fixed), 20_000, `${WEB} on disk to read ${fixed}`);
    assert.equal(read(WEB), FILES[WEB].replace(MISMATCH_CALL, fixed), 'only the method changed');
    await waitFor(async () => (await wb.editorText()).includes('axios.get(`http://localhost:8000/api/users/${id}`)'), 20_000, 'the new method in the api.ts editor');
    await waitFor(async () => (await page.locator('.editor-group-container.active .tab.active.dirty').count()) === 0, 15_000, 'api.ts to be saved by the fix');
    let rows = [];
    // No API Parity problem left anywhere: the mismatch went and the fix made no new gap.
    await waitFor(async () => (rows = await wb.problems()).every((r) => !r.includes('API Parity') && !r.includes(MISMATCH_MSG)), 60_000, 'the method-mismatch warning to go').catch((e) => {
      throw new Error(`${e.message}; rows:\n${rows.join('\n')}`);
    });
    await waitFor(async () => JSON.stringify(await wb.gapGroups()) === JSON.stringify(['Missing 0', 'Method mismatch 0', 'Unused 0', 'Matched 3']), 30_000, 'the Gap Explorer: no gap left');
    const { line } = urlPosition(fixed);
    await wb.goTo(line, 1);
    // The lenses of api.ts follow too: both calls the two fixes mended now point at their routes (a screenshot
    // once showed "no matching route" and "no DELETE route" above them after both fixes).
    let shown = [];
    const lenses = () => page.$$eval('.editor-group-container.active .monaco-editor .codelens-decoration', (els) => els.map((e) => e.textContent?.trim() ?? '').filter(Boolean));
    await waitFor(async () => (shown = await lenses()).length > 0 && shown.every((l) => l.startsWith('→ ')), 30_000, 'every lens of api.ts to name its route').catch((e) => {
      throw new Error(`${e.message}; lenses: ${JSON.stringify(shown)}`);
    });
    console.log(`Lenses of api.ts after both fixes: ${JSON.stringify(shown)}`);
    console.log(`Problems after changing the method:\n${rows.join('\n') || '(none)'}`);
    await screenshot('method-changed');
  }, { timeout: 2 * STEP_MS });
});
