import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { analyzeFixture } from '../golden';
import { hoverAt } from '../../src/core/query';

const DIR = join(__dirname, '../fixtures/socketio-events/basic');
const link = (f: string, l: number) => `${f}#${l}`;

describe('real-time events in hovers', () => {
  it('a server handler shows its event finding, and never "no callers" (events pair by name)', async () => {
    const result = await analyzeFixture(DIR);
    const del = result.endpoints.find((e) => e.event === 'deleteMonitor')!;
    const md = hoverAt(result, del.file, { line: del.line, column: del.column }, link)!.markdown;
    expect(md).toContain('on deleteMonitor');
    expect(md).toContain('⚠ This server handles Socket.IO event `deleteMonitor`, but the client never sends it.');
    expect(md).not.toContain('No callers');
    const add = result.endpoints.find((e) => e.event === 'addMonitor')!;
    const clean = hoverAt(result, add.file, { line: add.line, column: add.column }, link)!.markdown;
    expect(clean).not.toContain('⚠');
    expect(clean).not.toContain('No callers');
  });

  it('a client emit that is no endpoint shows its finding', async () => {
    const result = await analyzeFixture(DIR);
    const gap = result.gaps.find((g) => g.kind === 'event-mismatch' && g.event === 'deleteMonitr')!;
    const md = hoverAt(result, gap.file, { line: gap.line, column: gap.column }, link)!.markdown;
    expect(md).toContain('event `deleteMonitr`');
    expect(md).toContain('no server handler accepts it');
  });
});
