/**
 * Data-driven goldens: every fixture workspace under test/fixtures is analysed and compared with its
 * `expected.json` (the CLI's JSON contract). Re-bless with `npm run test:update`, then review the diff.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFixture, fixtureDirs, goldenJson } from '../golden';

describe('fixture goldens', () => {
  for (const { name, dir } of fixtureDirs()) {
    it(name, async () => {
      const result = await analyzeFixture(dir);
      await expect(goldenJson(result)).toMatchFileSnapshot(join(dir, 'expected.json'));
    });
  }
});
