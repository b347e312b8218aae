/**
 * `a ?? b ?? c`, `a || b`, `os.getenv("X", "d")`: the first option that is set, with env vars keeping
 * what they fall back to, and parameters not given yet deciding when their argument is known.
 */
import { THIS_PARAM, type Sym } from './sym';
import { partsOf } from './parts';
import { unknown, type Ctx, type EvalHost, type Value } from './value';

export function fallbackValue(host: EvalHost, options: readonly Sym[], ctx: Ctx): Value {
  for (let i = 0; i < options.length; i++) {
    const v = host.evaluate(options[i]!, ctx);
    // Not set (an argument not given, `undefined`): the next option applies. A value only known at
    // run time is most likely set: it is the value, not the fallback (`src.split('/').pop() ?? ""`).
    if (v.t === 'unknown' && (v.absent || v.text === 'undefined' || v.text === 'null' || i === options.length - 1)) continue;
    if (v.t === 'unknown') return v;
    if (v.t === 'param' && v.index !== THIS_PARAM && !v.orElse && i + 1 < options.length) {
      // `baseURL || env.API_URL` in a function not called yet: decided when the argument is known.
      const rest = fallbackValue(host, options.slice(i + 1), ctx);
      return rest.t === 'unknown' ? v : { ...v, orElse: rest };
    }
    if (v.t === 'str' && v.parts.length === 1 && 'env' in v.parts[0]! && !v.parts[0].fallback) {
      // `process.env.X ?? 'http://localhost:8000'`: the env var, with what it falls back to.
      const rest = options.slice(i + 1);
      const fb = rest.length ? fallbackValue(host, rest, ctx) : null;
      const fbParts = fb && (fb.t === 'str' || fb.t === 'num') ? partsOf(fb) : null;
      return { t: 'str', parts: [{ env: v.parts[0].env, fallback: fbParts }] };
    }
    return v;
  }
  return unknown({ k: 'fallback', options }, 'no option could be evaluated');
}
