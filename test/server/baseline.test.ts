/**
 * The config's baseline in the editor: findings it accepts are faded hints (`apiParity.baseline: dim`,
 * the default), hidden (`hide`) or shown as any other (`show`); a baseline that cannot be read is a
 * warning, and then nothing is left out.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeWorkspace, DEFAULT_CONFIG, makeBaseline, nodeFileSystem } from '../../src/core';
import { startServer, type TestClient } from './lspClient';

const EXAMPLE = resolve(__dirname, '../../examples/fullstack');
const AVATAR = 'frontend/src/components/UserAvatar.tsx';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** The example with a baseline accepting its missing-endpoint finding only. */
async function workspace(baselineText?: string): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'api-parity-server-baseline-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  cpSync(EXAMPLE, root, { recursive: true });
  const result = await analyzeWorkspace({ root, fs: nodeFileSystem(root), config: DEFAULT_CONFIG });
  const missing = { ...result, gaps: result.gaps.filter((g) => g.kind === 'missing-endpoint') };
  writeFileSync(join(root, 'baseline.json'), baselineText ?? JSON.stringify(makeBaseline(missing)));
  writeFileSync(join(root, 'api-parity.config.json'), '{ "baseline": "baseline.json" }');
  return root;
}

async function serve(root: string, baseline: string): Promise<TestClient> {
  const client = await startServer(root, { debounceMs: 50, baseline });
  cleanups.push(() => client.close());
  await client.until(() => client.diagnostics.get(client.uri('frontend/src/components/EditUserForm.tsx'))?.length, 'diagnostics');
  return client;
}

describe('baseline in the editor', () => {
  it('dims the accepted findings by default', async () => {
    const client = await serve(await workspace(), 'dim');
    const d = client.diagnostics.get(client.uri(AVATAR))!;
    expect(d).toHaveLength(1);
    expect(d[0]!.severity).toBe(DiagnosticSeverity.Hint);
    expect(d[0]!.tags).toEqual([DiagnosticTag.Unnecessary]);
    expect(d[0]!.message).toContain('(accepted in the baseline)');
  });

  it('hides them, or shows them as any other finding', async () => {
    const root = await workspace();
    const hidden = await serve(root, 'hide');
    expect(hidden.diagnostics.get(hidden.uri(AVATAR)) ?? []).toEqual([]);
    const shown = await serve(root, 'show');
    expect(shown.diagnostics.get(shown.uri(AVATAR))![0]!.severity).toBe(DiagnosticSeverity.Warning);
  });

  it('shows everything and warns when the baseline cannot be read', async () => {
    const client = await serve(await workspace('{ not json'), 'dim');
    expect(client.diagnostics.get(client.uri(AVATAR))![0]!.severity).toBe(DiagnosticSeverity.Warning);
    await client.until(() => client.statuses.at(-1)?.detail.includes('baseline.json could not be used'), 'the warning in the status');
  });
});
