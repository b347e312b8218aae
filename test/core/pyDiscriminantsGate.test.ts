/**
 * Python discriminants (`data["type"] == "chat"`) are searched for only in modules whose text can hold
 * one: a discriminator written out, or a string escape that could spell one.
 */
import { describe, expect, it } from 'vitest';
import { mayHaveDiscriminants } from '../../src/core/lang/python/discriminants';

describe('mayHaveDiscriminants', () => {
  it('is true where a discriminator can be read', () => {
    for (const t of ['if data["type"] == "chat":', 'if msg.get("kind") != "x":', 'if event.action == "join":', 'match data["op"]:', 'k = "\\x74ype"', 'k = "\\164ype"', 'k = "ty\\\npe"', 'k = "\\N{LATIN SMALL LETTER T}ype"'])
      expect(mayHaveDiscriminants(t), t).toBe(true);
  });
  it('is false for modules without one', () => {
    for (const t of ['def content_type(x):\n    return x.mime_type == "a"\n', 'typed = 1\nkinds = 2\nprint("a\\n")\n']) expect(mayHaveDiscriminants(t), t).toBe(false);
  });
});
