/**
 * String values as lists of parts (literal text, env vars, parameters, run-time values): turning any
 * value into parts, merging adjacent literals, and reading fully literal strings.
 */
import type { Sym } from './sym';
import { symText } from './sym';
import type { Part, Value } from './value';

/** The string parts of a value; anything that is not a string becomes a dynamic part. */
export function partsOf(v: Value, sym?: Sym): Part[] {
  switch (v.t) {
    case 'str':
      return [...v.parts];
    case 'num':
      return [{ lit: String(v.v) }];
    case 'param':
      return [{ param: v.index, name: v.name, fn: v.fn, file: v.file, path: v.path, ...(v.orElse ? { orElse: partsOf(v.orElse) } : {}) }];
    case 'unknown':
      return [{ dyn: v.text, why: v.why }];
    case 'alt':
      return [{ alt: v.options.map((o) => mergeParts(partsOf(o))) }];
    case 'ext':
      return [{ dyn: v.path }];
    case 'call':
      // The result of a call we do not follow: named by what is called.
      return [{ dyn: sym ? symText(sym) : v.callee.t === 'ext' ? `${v.callee.path}(…)` : v.callee.t === 'fn' ? 'the result of a function call' : 'a call' }];
    default:
      return [{ dyn: sym ? symText(sym) : v.t }];
  }
}

/** The parameter value a part stands for. */
export function paramValue(p: Extract<Part, { param: number }>): Value {
  const v: Value = { t: 'param', fn: p.fn, file: p.file, index: p.param, name: p.name, path: p.path };
  return p.orElse ? { ...v, orElse: { t: 'str', parts: p.orElse } } : v;
}

/** Join adjacent literal parts and drop empty ones. */
export function mergeParts(parts: readonly Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    const prev = out[out.length - 1];
    if ('lit' in p && prev && 'lit' in prev) out[out.length - 1] = { lit: prev.lit + p.lit };
    else if (!('lit' in p && p.lit === '')) out.push(p);
  }
  return out;
}

/** At most this many alternatives are spelled out; past it, the choice stays one run-time value. */
const MAX_ALTERNATIVES = 8;

/**
 * Every list of parts a value with alternatives may take (`${id ? `/a/${id}` : '/a'}/x` → two lists);
 * a single list when there is no choice. Past {@link MAX_ALTERNATIVES} the choice becomes a dynamic part.
 */
export function expandParts(parts: readonly Part[]): Part[][] {
  let out: Part[][] = [[]];
  for (const p of parts) {
    if (!('alt' in p)) {
      for (const o of out) o.push(p);
      continue;
    }
    const options = p.alt.flatMap((a) => expandParts(a));
    if (out.length * options.length > MAX_ALTERNATIVES) {
      for (const o of out) o.push({ dyn: 'a choice between several URLs' });
      continue;
    }
    out = out.flatMap((o) => options.map((a) => [...o, ...a]));
  }
  return out.map(mergeParts);
}

/** True when every part is literal text. */
export function isLiteral(parts: readonly Part[]): boolean {
  return parts.every((p) => 'lit' in p);
}

/** The text of fully literal parts, or null when any part is not literal. */
export function literalText(parts: readonly Part[]): string | null {
  return isLiteral(parts) ? parts.map((p) => (p as { lit: string }).lit).join('') : null;
}
