import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { analyzeFixture } from '../golden';
import { hoverAt } from '../../src/core/query';

const DIR = join(__dirname, '../fixtures/payload-reads/basic');

describe('payload mismatches in hovers', () => {
  it('a call whose answer is read with a field the handler never sends lists the finding', async () => {
    const result = await analyzeFixture(DIR);
    const call = result.calls.find((c) => c.file === 'web/src/auth.js' && c.path === '/auth/login')!;
    const hover = hoverAt(result, call.file, { line: call.line, column: call.column }, (f, l) => `${f}#${l}`)!;
    expect(hover.markdown).toContain('Reads `accessToken` from the answer of POST /auth/login');
    expect(hover.markdown).toContain('differ only in case style');
    const clean = result.calls.find((c) => c.file === 'web/src/auth.js' && c.path === '/report')!;
    expect(hoverAt(result, clean.file, { line: clean.line, column: clean.column }, (f, l) => `${f}#${l}`)!.markdown).not.toContain('⚠');
  });
});
