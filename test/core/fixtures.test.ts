/**
 * Data-driven goldens: every fixture workspace under test/fixtures is analysed and its facts, one per
 * line (see `goldenFacts`), are compared with its `expected.txt`. Re-bless with `npm run test:update`,
 * then review the diff.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFixture, fixtureDirs, goldenFacts } from '../golden';

describe('fixture goldens', () => {
  for (const { name, dir } of fixtureDirs()) {
    it(name, async () => {
      const result = await analyzeFixture(dir);
      await expect(goldenFacts(result)).toMatchFileSnapshot(join(dir, 'expected.txt'));
    });
  }
});
