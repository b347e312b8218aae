/**
 * A payload mismatch shows on both sides in the editor: at the frontend read (the gap's location) and at
 * the backend answer or body model (`gap.also`), each pointing at the other.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { diagnosticsByFile } from '../../src/core';
import { analyzeFixture } from '../golden';

const ROOT = join(__dirname, '../fixtures/payload-reads/drf-serializers');

describe('payload mismatch diagnostics', () => {
  it('appear at the backend side too, pointing back at the frontend', async () => {
    const result = await analyzeFixture(ROOT);
    const byFile = diagnosticsByFile(result, [], { unusedEndpoints: false });
    const front = byFile.get('web/src/api.ts')!.filter((d) => d.code === 'payload-mismatch');
    const back = [...byFile.entries()].filter(([f]) => f.startsWith('api/')).flatMap(([, ds]) => ds.filter((d) => d.code === 'payload-mismatch'));
    expect(front.length).toBeGreaterThan(0);
    expect(back).toHaveLength(front.length);
    const login = back.find((d) => d.message.includes('`accessToken`'))!;
    expect(login.message).toMatch(/^POST \/auth\/login never sends `accessToken`, which web\/src\/api\.ts:26 reads from its answer\./);
    expect(login.related[0]!.location).toMatchObject({ file: 'web/src/api.ts', line: 26 });
    expect(login.span.line).toBe(23);
  });
});
