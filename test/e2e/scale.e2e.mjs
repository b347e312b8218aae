// The real-editor test of the catalogue's tag level and of the Gap Explorer on a large workspace: a
// workspace with a tagged FastAPI service (test/fixtures/fastapi/tags) beside a generated one of 2,000
// routes. The Endpoints view shows service → file → tag → endpoint; the Gap Explorer, served one level
// at a time, opens with the large groups' services collapsed, and narrows with its text filter and
// "only the current file". Runs in the code-server of test/e2e/run.mjs.
// Screenshots: test-results/e2e/scale-NN-*.png.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { groupsOf, waitFor } from './expected.mjs';
import { chromiumArgs, chromiumBin } from './harness.mjs';
import { workbench } from './workbench.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const URL_ = process.env.API_PARITY_E2E_URL;
const TMP = process.env.API_PARITY_E2E_TMP;
const SHOTS = process.env.API_PARITY_E2E_SCREENSHOTS ?? join(root, 'test-results', 'e2e');
const skip = !URL_ || !TMP ? 'started without a code-server: run `npm run test:e2e` (test/e2e/run.mjs)' : false;

let browser;
let page;
const wb = workbench(() => page, SHOTS, 'scale');
const { step, screenshot } = wb;
const ROUTES = 2000;

/** The tagged fixture at `tags/`, and `big/`: FastAPI routers of 50 routes each and a frontend calling half of their routes. */
function makeWorkspace(dir) {
  cpSync(join(root, 'test', 'fixtures', 'fastapi', 'tags'), join(dir, 'tags'), { recursive: true });
  mkdirSync(join(dir, 'big', 'api', 'app'), { recursive: true });
  mkdirSync(join(dir, 'big', 'web', 'src'), { recursive: true });
  writeFileSync(join(dir, 'big', 'api', 'requirements.txt'), 'fastapi\n');
  writeFileSync(join(dir, 'big', 'web', 'package.json'), '{ "name": "web", "dependencies": { "react": "18" } }\n');
  const modules = ROUTES / 50;
  const main = ['from fastapi import FastAPI', ...Array.from({ length: modules }, (_, i) => `from app.routes_${i} import router as r${i}`), 'app = FastAPI()'];
  for (let i = 0; i < modules; i++) {
    main.push(`app.include_router(r${i}, prefix="/m${i}")`);
    const lines = ['from fastapi import APIRouter', 'router = APIRouter()'];
    const calls = [];
    for (let j = 0; j < 50; j++) {
      lines.push(`@router.${j % 2 ? 'post' : 'get'}("/items${j}/{item_id}")`, `def handler_${j}(item_id: int):`, '    return {}');
      if (j % 4 < 2) calls.push(`void fetch(\`http://localhost:8000/m${i}/items${j}/\${id}\`, { method: '${j % 2 ? 'POST' : 'GET'}' });`);
    }
    writeFileSync(join(dir, 'big', 'api', 'app', `routes_${i}.py`), `${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'big', 'web', 'src', `calls${i}.ts`), `const id = String(Date.now());\n${calls.join('\n')}\n`);
  }
  writeFileSync(join(dir, 'big', 'api', 'app', 'main.py'), `${main.join('\n')}\n`);
}

/** Click a row of a pane (by its label) to expand it, and wait until it is. */
async function expand(title, label) {
  const pane = page.locator('[id="workbench.view.extension.apiParity"] .pane').filter({ has: page.locator('.pane-header', { hasText: title }) });
  const row = pane.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
  await waitFor(async () => (await row.count()) > 0, 30_000, `the row "${label}" in ${title}`);
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await waitFor(async () => (await row.getAttribute('aria-expanded')) === 'true', 10_000, `the row "${label}" to expand`);
}

/** Type into the input box a command opened, and press Enter. */
async function answer(text) {
  const box = wb.quickInput().locator('input');
  await waitFor(async () => (await box.count()) > 0, 10_000, 'the input box');
  await box.fill(text);
  await waitFor(async () => (await box.inputValue()) === text, 5_000, 'the text in the box');
  await box.press('Enter');
}

describe('the tag level and a Gap Explorer that scales, in the real VS Code workbench', { skip }, () => {
  let dir;
  let report;
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dir = join(TMP, 'scale');
    makeWorkspace(dir);
    const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'check', dir, '--format', 'json', '--fail-on', 'never', '--no-cache'], { encoding: 'utf8', timeout: 300_000, maxBuffer: 1 << 28 });
    assert.equal(r.status, 0, `api-parity check failed: ${r.stderr}`);
    report = JSON.parse(r.stdout);
    browser = await chromium.launch({ executablePath: chromiumBin, headless: process.env.API_PARITY_E2E_HEADED !== '1', args: chromiumArgs });
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    page.on('pageerror', (e) => console.log(`[page error] ${e.message.split('\n')[0]}`));
  });
  after(async () => {
    await browser?.close().catch(() => {});
  });

  step('gap-explorer-lazy-at-2000-routes', async () => {
    assert.ok(report.summary.endpoints >= ROUTES, `the workspace has ${ROUTES}+ routes`);
    const expected = groupsOf(report);
    await wb.openWorkspace(`${URL_}/?folder=${encodeURIComponent(dir)}`);
    await waitFor(async () => JSON.stringify(await wb.gapGroups()) === JSON.stringify(expected), 180_000, `the Gap Explorer groups ${expected.join(', ')}`).catch(async (e) => {
      throw new Error(`${e.message}\nGap Explorer shows: ${(await wb.gapGroups()).join(', ')}`);
    });
    // The large groups open on their services only: a few rows for 2,000+ routes.
    const rows = await wb.paneRows('Gap Explorer');
    console.log(`Gap Explorer at ${report.summary.endpoints} routes (${rows.length} rows):\n${rows.join('\n')}`);
    assert.ok(rows.length < 40, `the Gap Explorer shows ${rows.length} rows, not thousands`);
    await wb.restMouse();
    await screenshot('gap-explorer-2000-routes');
    // Opening one service and one file asks the server for those levels only.
    await expand('Gap Explorer', 'Unused');
    await expand('Gap Explorer', 'api');
    // The first file (the list is virtualised: only rows in view are in the page).
    await expand('Gap Explorer', 'routes_0.py');
    let opened = [];
    await waitFor(async () => (opened = await wb.paneRows('Gap Explorer')).some((r) => r.trim().startsWith('GET /m0/items2/{item_id}')), 30_000, 'the unused routes of routes_0.py').catch((e) => {
      throw new Error(`${e.message}; rows:\n${opened.join('\n')}`);
    });
    console.log(`Gap Explorer, one file opened:\n${opened.join('\n')}`);
    await wb.restMouse();
    await screenshot('gap-explorer-one-file-opened');
  }, { timeout: 240_000 });

  step('gap-explorer-filtered-and-current-file', async () => {
    await wb.runCommand('API Parity: Filter Gap Explorer…');
    await answer('m7/items3/');
    await waitFor(async () => /^\d+ of \d+ rows · “m7\/items3\/”$/.test(await wb.paneMessage('Gap Explorer')), 30_000, 'the Gap Explorer filter message').catch(async (e) => {
      throw new Error(`${e.message}; message: ${await wb.paneMessage('Gap Explorer')}`);
    });
    let rows = [];
    await waitFor(async () => (rows = await wb.paneRows('Gap Explorer')).some((r) => r.trim().startsWith('POST /m7/items3/{item_id}')), 30_000, 'the filtered route').catch((e) => {
      throw new Error(`${e.message}; rows:\n${rows.join('\n')}`);
    });
    console.log(`Gap Explorer filtered by "m7/items3/" (${await wb.paneMessage('Gap Explorer')}):\n${rows.join('\n')}`);
    await wb.restMouse();
    await screenshot('gap-explorer-filtered');
    await wb.runCommand('API Parity: Clear Gap Explorer Filters');
    await wb.quickOpen('big/api/app/routes_3.py');
    await waitFor(async () => (await wb.activeTab()) === 'routes_3.py', 20_000, 'routes_3.py to open');
    await wb.runCommand('API Parity: Gap Explorer: Toggle Current File Only');
    await waitFor(async () => /^50 of \d+ rows · current file$/.test(await wb.paneMessage('Gap Explorer')), 30_000, 'the current-file message').catch(async (e) => {
      throw new Error(`${e.message}; message: ${await wb.paneMessage('Gap Explorer')}`);
    });
    rows = await wb.paneRows('Gap Explorer');
    console.log(`Gap Explorer, current file routes_3.py (${await wb.paneMessage('Gap Explorer')}):\n${rows.join('\n')}`);
    await wb.restMouse();
    await screenshot('gap-explorer-current-file');
    await wb.runCommand('API Parity: Clear Gap Explorer Filters');
    // VS Code sends a view's message about 200 ms after its rows: wait for it, so the next screenshot is not half updated.
    await waitFor(async () => (await wb.paneMessage('Gap Explorer')) === '', 15_000, 'the message cleared with the filters').catch(async (e) => {
      throw new Error(`${e.message}; message: ${await wb.paneMessage('Gap Explorer')}`);
    });
  });

  step('endpoints-tag-level', async () => {
    await expand('Endpoints', 'tags');
    await expand('Endpoints', 'users.py');
    let rows = [];
    // users.py tags its routes differently: a tag level (Accounts, Env, Listing, Self, Users), each with its routes.
    await waitFor(async () => (rows = await wb.paneRows('Endpoints')).some((r) => /^ {4}Listing \| 1 · 0 used$/.test(r)), 30_000, 'the tag rows of users.py').catch((e) => {
      throw new Error(`${e.message}; rows:\n${rows.join('\n')}`);
    });
    await expand('Endpoints', 'Listing');
    await waitFor(async () => (rows = await wb.paneRows('Endpoints')).some((r) => /^ {6}GET \/users \| no callers · list_users$/.test(r)), 30_000, 'GET /users under its tag').catch((e) => {
      throw new Error(`${e.message}; rows:\n${rows.join('\n')}`);
    });
    console.log(`Endpoints with the tag level:\n${rows.join('\n')}`);
    // A file whose routes share their tags says them on its row instead.
    assert.ok(rows.some((r) => /^ {2}reports\.py \| tags\/api\/routes · 1 · Admin, Reports, Internal$/.test(r)), 'reports.py names its shared tags');
    await wb.restMouse();
    await screenshot('endpoints-tag-level');
  });
});
