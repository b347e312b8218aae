import { test } from 'vitest';
import { analyzeFixture } from '../golden';
test('dbg', async () => {
  const r: any = await analyzeFixture(process.env.DBG_DIR!);
  console.log(JSON.stringify(r.summary), r.skipped.length, JSON.stringify(r.notes).slice(0, 2000));
}, 120000);
