/**
 * A small side file a pass reads on demand (a `.env`, an HTML page for its `<base href>`): its decoded
 * text, or null when it is absent, unreadable, not text, or larger than `maxBytes` (such files are inputs
 * to a base or a setting, never large; a missing one is normal, so no note is recorded).
 */
import { decodeText } from '../text';
import type { RunContext } from './types';

export async function readSmallText(ctx: RunContext, path: string, maxBytes: number): Promise<string | null> {
  try {
    const st = await ctx.opts.fs.stat(path);
    if (!st || st.size > maxBytes) return null;
    const d = decodeText(await ctx.opts.fs.read(path));
    return 'text' in d ? d.text : null;
  } catch {
    return null;
  }
}
