// Playwright helpers for driving the VS Code workbench the way a person would, shared by the real-editor
// test files. Each file makes one `workbench(page, shotsDir, prefix)` and adds its steps with `step()`:
// a step is one user-visible action with a screenshot on success and on failure.
import { join } from 'node:path';
import { test } from 'node:test';
import { waitFor } from './expected.mjs';

export const STEP_MS = 90_000;

/** Ticks the Refactor Preview's first row (the file: all its changes) and waits until every change is ticked. */
async function tickAll(panel) {
  const boxes = panel.locator('.monaco-list-row .edit-checkbox');
  const unticked = async () => (await boxes.evaluateAll((els) => els.map((e) => e.getAttribute('aria-checked')))).filter((c) => c !== 'true').length;
  if ((await unticked()) > 0) await boxes.first().click();
  await waitFor(async () => (await unticked()) === 0, 10_000, 'every change in the Refactor Preview ticked');
}

export function workbench(getPage, shots, prefix) {
  let shot = 0;
  const page = () => getPage();

  async function screenshot(name) {
    await waitFor(async () => (await page().locator('.workbench-hover:visible').count()) === 0, 2_000, 'tooltips to close').catch(() => {});
    const file = join(shots, `${prefix}-${String(++shot).padStart(2, '0')}-${name}.png`);
    await page().screenshot({ path: file });
    console.log(`screenshot: ${file}`);
    return file;
  }

  /** One user-visible step: its screenshot is taken on failure (the step takes its own on success). */
  function step(name, fn, { skip = false, timeout = STEP_MS } = {}) {
    test(name.replace(/-/g, ' '), { skip, timeout }, async () => {
      try {
        await fn();
      } catch (e) {
        await screenshot(`${name}-FAILED`).catch(() => {});
        throw e;
      }
    });
  }

  const quickInput = () => page().locator('.quick-input-widget').filter({ has: page().locator('input:visible') });

  async function quickInputOpen(key) {
    await page().keyboard.press(key);
    await waitFor(async () => (await quickInput().count()) > 0, 10_000, `the quick input after ${key}`);
  }

  /** F1, type a command's title, pick it. */
  async function runCommand(title) {
    await quickInputOpen('F1');
    await page().keyboard.type(title);
    const row = page().locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
    await waitFor(async () => (await row.count()) > 0, 10_000, `the command "${title}" in the command palette`);
    await row.click();
  }

  /** The rows of a view pane of the API Parity container ("Gap Explorer", "Endpoints"), indented by level, as "label | description". */
  async function paneRows(title) {
    const pane = page().locator('[id="workbench.view.extension.apiParity"] .pane').filter({ has: page().locator('.pane-header', { hasText: title }) });
    return pane.locator('.monaco-list-row').evaluateAll((els) =>
      els.map((e) => `${'  '.repeat(Number(e.getAttribute('aria-level') ?? 1) - 1)}${e.querySelector('.label-name')?.textContent?.trim() ?? '?'}${e.querySelector('.label-description')?.textContent ? ` | ${e.querySelector('.label-description').textContent.trim()}` : ''}`),
    );
  }

  /** The message a view pane shows above its rows (the Endpoints view's filter summary). */
  async function paneMessage(title) {
    const pane = page().locator('[id="workbench.view.extension.apiParity"] .pane').filter({ has: page().locator('.pane-header', { hasText: title }) });
    const msg = pane.locator('.message').first();
    return (await msg.count()) ? ((await msg.textContent()) ?? '').trim() : '';
  }

  /** The Gap Explorer's top-level rows as "Label count". */
  async function gapGroups() {
    return (await paneRows('Gap Explorer')).filter((r) => !r.startsWith(' ')).map((r) => r.replace(' | ', ' '));
  }

  async function statusAria(id) {
    const item = page().locator(`[id="${id}"]`).first();
    if (!(await item.count())) return null;
    return (await item.getAttribute('aria-label')) ?? '';
  }

  async function activeTab() {
    const tab = page().locator('.editor-group-container.active .tab.active').first();
    if (!(await tab.count())) return null;
    return ((await tab.getAttribute('aria-label')) ?? '').split(',')[0].trim();
  }

  /** Open a workspace (`?folder=` or `?workspace=`) and the API Parity view container. */
  async function openWorkspace(url) {
    await page().goto(url, { timeout: 60_000 });
    await page().locator('.monaco-workbench').first().waitFor({ timeout: 60_000 });
    await waitFor(async () => (await page().locator('.explorer-folders-view .monaco-list-row, .activitybar').count()) > 0, 60_000, 'the workbench to load');
    const showing = async () => (await page().locator('[id="workbench.parts.sidebar"][data-active-composite="workbench.view.extension.apiParity"]:visible').count()) > 0;
    await waitFor(
      async () => {
        if (await showing()) return true;
        const item = page().locator('.activitybar a.action-label[aria-label^="API Parity"], .activitybar a.action-label[class*="activity-workbench-view-extension-apiParity"]').first();
        if (await item.count()) await item.click();
        return showing();
      },
      60_000,
      'the API Parity view container',
    );
  }

  const restMouse = () => page().mouse.move(200, 860);

  /** Ctrl+P, type the file's folder and name, pick the row for `rel` (workspace-relative); waits for its tab. */
  async function quickOpen(rel) {
    const base = rel.split('/').pop();
    const dir = rel.slice(0, -base.length - 1);
    await quickInputOpen('Control+P');
    await page().keyboard.type(`${dir.split('/').pop()}/${base}`);
    const row = page().locator(`.quick-input-list .monaco-list-row[aria-label^="${`${base} ${dir}`.replace(/["\\]/g, '\\$&')}"]`).first();
    await waitFor(async () => (await row.count()) > 0, 15_000, `"${rel}" in quick open`);
    await row.click();
    await restMouse();
    await waitFor(async () => (await quickInput().count()) === 0, 10_000, 'quick open to close');
    await waitFor(async () => (await activeTab()) === base, 20_000, `the editor tab "${base}" to be active`);
  }

  /** Ctrl+G "line:column" (1-based): puts the cursor there in the active editor. */
  async function goTo(line, column = 1) {
    await quickInputOpen('Control+G');
    await page().keyboard.type(`${line}:${column}`);
    await page().keyboard.press('Enter');
    await waitFor(async () => (await quickInput().count()) === 0, 10_000, 'the Go to Line box to close');
    const selection = page().locator('[id="status.editor.selection"]').first();
    await waitFor(async () => (await selection.count()) > 0 && (await selection.innerText()).trim().startsWith(`Ln ${line}, Col ${column}`), 10_000, `the cursor on ${line}:${column}`);
  }

  /**
   * Ctrl+. on the cursor: the offered action titles ([] when VS Code says there are none). The menu waits for
   * every provider (TypeScript's refactorings too, slow while its server loads a project on a busy machine),
   * so a press that shows nothing within 15 s is closed with Escape and pressed again, up to `timeoutMs`.
   */
  async function openQuickFixes(timeoutMs = 60_000) {
    const until = Date.now() + timeoutMs;
    for (let attempt = 1; ; attempt++) {
      await page().keyboard.press('Control+.');
      try {
        const r = await waitFor(
          async () => {
            const rows = await page().$$eval('.action-widget .monaco-list-row.action', (els) => els.map((e) => e.textContent?.trim() ?? ''));
            if (rows.length) return rows;
            const msg = await page().$$eval('.monaco-editor-overlaymessage', (els) => els.map((e) => e.textContent ?? '').join(' '));
            return /no code actions/i.test(msg) ? ['<none>'] : null;
          },
          Math.max(1_000, Math.min(15_000, until - Date.now())),
          `the quick fix menu (press ${attempt})`,
        );
        return r[0] === '<none>' ? [] : r;
      } catch (e) {
        if (Date.now() >= until) throw e;
        console.log(`${e.message}; pressing Ctrl+. again`);
        await page().keyboard.press('Escape');
      }
    }
  }

  /** Picks the open quick fix menu's action whose title starts with `title`; waits for the menu to close. */
  async function pickQuickFix(title) {
    await page().locator('.action-widget .monaco-list-row.action').filter({ hasText: title }).first().click();
    await waitFor(async () => (await page().locator('.action-widget .monaco-list-row.action:visible').count()) === 0, 10_000, 'the quick fix menu to close');
  }

  /**
   * A quick fix that writes beyond the open file waits in VS Code's Refactor Preview (its changes carry
   * `needsConfirmation`): wait for the panel to list `file`, take the screenshot `preview`, click "Apply"
   * as a person would, and wait for the panel to close. `before()` runs while the preview is open (nothing is
   * written yet). With `optional`, a preview that does not come within a few seconds is not an error (false).
   */
  async function applyRefactorPreview(file, { before = async () => {}, optional = false } = {}) {
    const panel = page().locator('.bulk-edit-panel');
    const apply = panel.locator('.buttons .monaco-button').filter({ hasText: /^Apply$/ }).first();
    const shown = async () => (await apply.isVisible().catch(() => false)) && (await panel.locator('.monaco-list-row').count()) > 0;
    try {
      await waitFor(shown, optional ? 5_000 : 20_000, 'the Refactor Preview with its Apply button');
    } catch (e) {
      if (optional) return false;
      throw e;
    }
    let rows = [];
    await waitFor(async () => (rows = await panel.locator('.monaco-list-row').evaluateAll((els) => els.map((e) => e.textContent ?? ''))).some((r) => r.includes(file)), 10_000, `the preview to list ${file}`).catch((e) => {
      throw new Error(`${e.message}; rows: ${JSON.stringify(rows)}`);
    });
    console.log(`Refactor Preview rows: ${JSON.stringify(rows)}`);
    await before();
    await restMouse();
    await screenshot('preview');
    // Changes that need confirmation come unticked: tick the file (all its changes), as a person does.
    await tickAll(panel);
    await apply.click();
    await waitFor(async () => !(await apply.isVisible().catch(() => false)), 20_000, 'the Refactor Preview to close once applied');
    return true;
  }

  /** The visible lines of the active editor. */
  async function editorText() {
    return page().$eval('.editor-group-container.active .monaco-editor .view-lines', (e) => e.innerText.replace(/\u00a0/g, ' '));
  }

  /** The Problems panel's rows (aria labels: "Warning: <message> at line L column C in <file>" and file rows). */
  async function problems() {
    return page().locator('.markers-panel .monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  }

  return { screenshot, step, quickInput, quickInputOpen, runCommand, paneRows, paneMessage, gapGroups, statusAria, activeTab, openWorkspace, restMouse, quickOpen, goTo, openQuickFixes, pickQuickFix, applyRefactorPreview, editorText, problems };
}
