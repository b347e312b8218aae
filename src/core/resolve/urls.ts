/**
 * The browser's URL builders and string methods on known strings, evaluated as string parts:
 * `new URL(path, base)` by the WHATWG rule (a path from the root replaces the base's path, a relative
 * path joins the base's directory, a full URL ignores the base), its `href`/`pathname`/`toString()`,
 * and `.toString()`, `.replace(literal, literal)` on strings. What cannot be known becomes an unknown
 * value whose reason names the expression (a base that cannot be evaluated, a pattern that may sit in a
 * run-time part). A query string set on the URL object (`u.searchParams.set(…)`) is never part of the path.
 */
import { literalText, mergeParts, partsOf } from './parts';
import { symText, type Sym } from './sym';
import type { Part, Value } from './value';

type Str = Extract<Value, { t: 'str' }>;

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const ORIGIN = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/is;
/** Dynamic parts that stand for the page's own address (`new URL("/x", window.location.origin)`). */
const PAGE = /^(?:(?:window|self|globalThis|document)\.)?(?:location(?:\.(?:origin|href))?|baseURI)$/;

function unknownUrl(sym: Sym, why: string): Value {
  return { t: 'unknown', text: symText(sym), why };
}

const LODASH_REPLACE = /^(?:lodash(?:-es)?(?:\.default)?\.replace|lodash\/replace(?:\.default)?)$/;

/**
 * A call of a global the evaluator knows: `String(x)`, `encodeURIComponent(x)` (the value itself, a
 * parameter's or a number's too), `new URL(…)`; null for any other (`arg(i)` evaluates argument i).
 */
export function globalCall(path: string, sym: Sym, arg: (i: number) => Value | null): Value | null {
  if (path === 'URL') return newUrl(sym, arg(0), arg(1));
  // lodash's `replace(string, pattern, replacement)` is `string.replace(pattern, replacement)`.
  if (LODASH_REPLACE.test(path)) {
    const [s, a, b] = [arg(0), arg(1), arg(2)];
    return s && a && b ? stringMethod(sym, s, 'replace', [a, b]) : null;
  }
  if (path !== 'String' && path !== 'str' && path !== 'encodeURIComponent' && path !== 'encodeURI') return null;
  const v = arg(0);
  return v && (v.t === 'str' || v.t === 'num' || v.t === 'param') ? (v.t === 'str' ? { t: 'str', parts: v.parts } : v) : null;
}

/** `new URL(rel)` / `new URL(rel, base)`: the URL's parts, or an unknown value saying which argument is not known. */
export function newUrl(sym: Sym, rel: Value | null, base: Value | null): Value {
  if (!rel) return unknownUrl(sym, '`new URL()` without arguments');
  if (rel.t === 'alt') return { t: 'alt', options: rel.options.map((o) => newUrl(sym, o, base)) };
  if (rel.t !== 'str' && rel.t !== 'param') return unknownUrl(sym, `the first argument of \`${symText(sym)}\`${rel.t === 'unknown' ? ` could not be evaluated (${rel.why})` : ' is a value known only when it runs, which may be a full URL or a path'}`);
  const r = partsOf(rel);
  if (!base || (base.t === 'unknown' && base.absent)) return url(r);
  if (base.t !== 'str' && !(base.t === 'ext' && PAGE.test(base.path))) return unknownUrl(sym, `the base of \`${symText(sym)}\` could not be evaluated${base.t === 'unknown' ? ` (${base.why})` : ''}`);
  const b = base.t === 'ext' ? [{ dyn: base.path }] : stripQuery(base.parts);
  const b0 = b[0];
  if (b0 && 'lit' in b0 && !ORIGIN.test(b0.lit)) return unknownUrl(sym, `the base of \`${symText(sym)}\` is not a full URL`);
  const first = r[0];
  const lead = first && 'lit' in first ? first.lit : null;
  if (lead !== null && (SCHEME.test(lead) || lead.startsWith('//'))) return url(r);
  if (first && 'param' in first) return joinPath(sym, b, r);
  if (lead === null) return unknownUrl(sym, `\`${symText(sym)}\` is given a value known only when it runs, which may be a full URL or a path`);
  if (lead.startsWith('/')) return joinPath(sym, b, r);
  if (lead === '' || /^[?#]/.test(lead)) return url(b);
  return relative(sym, b, r);
}

function url(parts: readonly Part[]): Str {
  return { t: 'str', parts: mergeParts(parts), url: true };
}

/** The base without its query and fragment, which never take part in resolving a path. */
function stripQuery(parts: readonly Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    if ('lit' in p && /[?#]/.test(p.lit)) {
      out.push({ lit: p.lit.slice(0, p.lit.search(/[?#]/)) });
      break;
    }
    out.push(p);
  }
  return out;
}

/**
 * The base's origin (`http://h:1`) followed by `path`. A path from the root replaces the base's; a
 * helper's path parameter (`route(rest)`) is taken to be one, which is what such helpers are given.
 * The page's own address as base leaves the path relative to the page's origin.
 */
function joinPath(sym: Sym, base: readonly Part[], path: readonly Part[]): Value {
  const first = base[0];
  if (first && 'dyn' in first && PAGE.test(first.dyn)) return url(path);
  const m = first && 'lit' in first ? ORIGIN.exec(first.lit) : null;
  // `http://${host}/…`: the host continues into a run-time part.
  if (!m || (m[2] === '' && base.length > 1 && !('lit' in base[1]!))) return unknownUrl(sym, `the base of \`${symText(sym)}\` has no origin known statically`);
  return url([{ lit: m[1]! }, ...path]);
}

/** A relative path joins the base's directory (everything up to its last `/`), `./` and `../` resolved. */
function relative(sym: Sym, base: readonly Part[], rel: readonly Part[]): Value {
  const dir = directory(base);
  if (!dir) return unknownUrl(sym, `the directory of the base of \`${symText(sym)}\` depends on a value known only when it runs`);
  let lead = (rel[0] as { lit: string }).lit;
  const parts = [...dir];
  for (;;) {
    if (lead.startsWith('./')) lead = lead.slice(2);
    else if (lead.startsWith('../')) {
      const last = parts[parts.length - 1];
      const text = last && 'lit' in last ? last.lit : null;
      const cut = text === null ? -1 : text.slice(0, -1).lastIndexOf('/');
      if (text === null || cut < 0 || ORIGIN.exec(text)?.[2] === '/') return unknownUrl(sym, `\`${symText(sym)}\` climbs out of the part of its base known statically`);
      parts[parts.length - 1] = { lit: text.slice(0, cut + 1) };
      lead = lead.slice(3);
    } else break;
  }
  return url([...parts, { lit: lead }, ...rel.slice(1)]);
}

/** The base up to and including its last `/` (its path's directory); null when a run-time part may hold it. */
function directory(base: readonly Part[]): Part[] | null {
  const text = literalText(base);
  const m = text === null ? null : ORIGIN.exec(text);
  // A base with no path (`http://h`) has the directory `/`.
  if (m && m[2] === '') return [{ lit: `${m[1]}/` }];
  for (let i = base.length - 1; i >= 0; i--) {
    const p = base[i]!;
    if (!('lit' in p)) return null;
    const origin = i === 0 ? (ORIGIN.exec(p.lit)?.[1]?.length ?? 0) : 0;
    const slash = p.lit.lastIndexOf('/');
    if (slash >= 0 && slash >= origin) return [...base.slice(0, i), { lit: p.lit.slice(0, slash + 1) }];
    if (i === 0 && origin > 0) return [{ lit: `${p.lit.slice(0, origin)}/` }];
  }
  return null;
}

/** A member of a URL object: its text (`href`), its path (`pathname`); null for anything else. */
export function urlMember(v: Str, prop: string): Value | null {
  if (prop === 'href') return v;
  if (prop !== 'pathname') return null;
  const first = v.parts[0];
  if (first && 'lit' in first && first.lit.startsWith('/') && !first.lit.startsWith('//')) return { t: 'str', parts: stripQuery(v.parts) };
  const m = first && 'lit' in first ? ORIGIN.exec(first.lit) : null;
  if (!m || (m[2] === '' && v.parts.length > 1)) return null;
  return { t: 'str', parts: mergeParts(stripQuery([{ lit: m[2] || '/' }, ...v.parts.slice(1)])) };
}

const STRING_METHODS = new Set(['toString', 'replace', 'replaceAll', 'format']);

/** Does `x.prop(…)` name a string method this module evaluates? */
export function isStringMethod(prop: string): boolean {
  return STRING_METHODS.has(prop);
}

/**
 * `s.toString()`, `s.replace(a, b)` and `s.replaceAll(a, b)` with literal `a` and `b` on a string
 * value (each option of a choice); null when `obj` is not a string, so the call is read as any other.
 */
export function stringMethod(sym: Sym, obj: Value, prop: string, args: readonly Value[]): Value | null {
  if (obj.t === 'alt') {
    const options = obj.options.map((o) => stringMethod(sym, o, prop, args));
    return options.every((o): o is Value => o !== null) ? { t: 'alt', options } : null;
  }
  if (obj.t !== 'str') return null;
  if (prop === 'toString') return { t: 'str', parts: obj.parts };
  if (prop === 'format') return formatted(sym, obj.parts, args);
  const suffix = args[0] && args[1]?.t === 'str' && literalText(args[1].parts) === '' ? anchoredSuffix(args[0]) : null;
  if (suffix !== null) return dropSuffix(sym, obj.parts, suffix);
  const [a, b] = args.map((x) => (x.t === 'str' ? literalText(x.parts) : null));
  // `"/d/{id}/share".replace("{id}", id)`: a plain piece replaced by a value known when it runs is that value there.
  if (prop === 'replace' && a && b === null && args[1] && args[1].t !== 'str' && !(args[1].t === 'unknown' && args[1].absent)) return replaceFirst(sym, obj.parts, a, partsOf(args[1]));
  if (a === null || a === undefined || b === null || b === undefined || a === '' || /\$/.test(b)) return unknownUrl(sym, `\`${symText(sym)}\` replaces with a pattern that is not a plain string`);
  if (prop === 'replaceAll') {
    const whole = literalText(obj.parts);
    return whole !== null ? { t: 'str', parts: [{ lit: whole.split(a).join(b) }] } : unknownUrl(sym, `\`${symText(sym)}\` may replace text inside a value known only when it runs`);
  }
  return replaceFirst(sym, obj.parts, a, b);
}

/**
 * Python's `"/<org_slug>{}".format(rule)`: a literal template whose fields are all positional (`{}` or
 * `{0}`), each replaced by that argument's parts; `{{` and `}}` are braces. A named field or a format spec
 * (`{name}`, `{:>8}`) leaves the value unknown.
 */
function formatted(sym: Sym, parts: readonly Part[], args: readonly Value[]): Value {
  const template = literalText(parts);
  if (template === null) return unknownUrl(sym, `\`${symText(sym)}\` formats a template known only when it runs`);
  const out: Part[] = [];
  let next = 0;
  let lit = '';
  for (const m of template.matchAll(/\{\{|\}\}|\{(\d*)\}|[{}]|[^{}]+/g)) {
    const t = m[0];
    if (t === '{{' || t === '}}') lit += t[0];
    else if (m[1] !== undefined) {
      const arg = args[m[1] === '' ? next++ : Number(m[1])];
      if (!arg) return unknownUrl(sym, `\`${symText(sym)}\` is given fewer arguments than its template has fields`);
      out.push({ lit }, ...partsOf(arg));
      lit = '';
    } else if (t === '{' || t === '}') return unknownUrl(sym, `\`${symText(sym)}\` has a template field this reader does not fill (named, or with a format spec)`);
    else lit += t;
  }
  out.push({ lit });
  return { t: 'str', parts: mergeParts(out) };
}

/** `/\/api$/`: a regular expression (read as its source text) matching a literal text at the end; null for any other. */
function anchoredSuffix(v: Value): string | null {
  if (v.t !== 'unknown') return null;
  const m = /^\/((?:\\[/.\-]|[^\\/$^.*+?()[\]{}|])+)\$\/$/.exec(v.text);
  return m ? m[1]!.replace(/\\(.)/g, '$1') : null;
}

/**
 * `s.replace(/suffix$/, "")`: the text taken off the end of a literal that ends so, or marked on an
 * environment variable ending the value (applied to its value from a `.env` file); unknown otherwise.
 */
function dropSuffix(sym: Sym, parts: readonly Part[], suffix: string): Value {
  const last = parts[parts.length - 1];
  if (last && 'lit' in last) return { t: 'str', parts: last.lit.endsWith(suffix) ? mergeParts([...parts.slice(0, -1), { lit: last.lit.slice(0, -suffix.length) }]) : parts };
  if (last && 'env' in last && !last.dropSuffix) {
    const fb = last.fallback;
    const fallback = fb === null ? null : partsOf(dropSuffix(sym, fb, suffix));
    return { t: 'str', parts: [...parts.slice(0, -1), { env: last.env, fallback, dropSuffix: suffix }] };
  }
  return unknownUrl(sym, `\`${symText(sym)}\` takes \`${suffix}\` off the end of a value known only when it runs`);
}

/** The first occurrence of `a` is replaced: it must be in the literal text before any run-time part. */
function replaceFirst(sym: Sym, parts: readonly Part[], a: string, b: string | readonly Part[]): Value {
  let lead = '';
  let i = 0;
  for (; i < parts.length && 'lit' in parts[i]!; i++) lead += (parts[i] as { lit: string }).lit;
  const at = lead.indexOf(a);
  if (at < 0 && i < parts.length) return unknownUrl(sym, `\`${symText(sym)}\` may replace text inside a value known only when it runs`);
  if (at < 0) return { t: 'str', parts };
  const by: readonly Part[] = typeof b === 'string' ? [{ lit: b }] : b;
  return { t: 'str', parts: mergeParts([{ lit: lead.slice(0, at) }, ...by, { lit: lead.slice(at + a.length) }, ...parts.slice(i)]) };
}
