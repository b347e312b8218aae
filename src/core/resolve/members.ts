/**
 * Member access on evaluated values: object properties (through spreads and later assignments), module
 * exports and Python submodules, class attribute defaults (through base classes), env vars under
 * `process.env`/`os.environ`, and paths into function parameters.
 */
import type { Sym } from './sym';
import { symText, THIS_PARAM } from './sym';
import { classMethod, instanceMember, thisMethod } from './receivers';
import type { EvalHost, Value } from './value';
import { urlMember } from './urls';

/** The value of `obj.prop`; `sym` is the member expression, for messages. */
export function memberOf(ev: EvalHost, obj: Value, prop: string, sym?: Sym): Value {
  const text = sym ? symText(sym) : prop;
  switch (obj.t) {
    case 'obj':
      return objectMember(ev, obj, prop, text);
    case 'module':
      return moduleMember(ev, obj, prop, text, sym);
    case 'class':
    case 'instance': {
      const cls = obj.t === 'class' ? obj.name : obj.cls;
      const js = ev.program.module(obj.file)?.language === 'js';
      const own = !js ? null : obj.t === 'instance' ? instanceMember(ev, obj, prop) : classMethod(ev, obj.file, obj.name, prop);
      if (own) return own;
      const v = classAttr(ev, obj.file, cls, prop, new Set());
      return v ?? { t: 'unknown', text, why: `\`${prop}\` has no default in class ${cls}` };
    }
    case 'ext': {
      const path = `${obj.path}.${prop}`;
      if (obj.path === 'process.env' || obj.path === 'os.environ') return { t: 'str', parts: [{ env: prop, fallback: null }] };
      return { t: 'ext', path };
    }
    case 'param':
      return (obj.index === THIS_PARAM && obj.path.length === 0 ? thisMethod(ev, obj, prop) : null) ?? { ...obj, path: [...obj.path, prop] };
    case 'call':
      // What a framework injects into the context a package function returns (`useContext().$axios`).
      if (obj.callee.t === 'ext' && prop.startsWith('$')) return { t: 'ext', path: `${obj.callee.path}().${prop}` };
      return { t: 'unknown', text, why: `\`${text}\` is computed at run time` };
    case 'str':
      return (obj.url ? urlMember(obj, prop) : null) ?? { t: 'unknown', text, why: `\`${text}\` is computed at run time` };
    case 'fn':
    case 'num':
    case 'arr':
      return { t: 'unknown', text, why: `\`${text}\` is computed at run time` };
    case 'unknown':
      return obj;
    case 'alt': {
      const options = obj.options.map((o) => memberOf(ev, o, prop, sym));
      // A property no alternative sets is not set (`{ ...(flag ? {} : { download: true }) }.baseUrl`).
      if (options.every((o) => o.t === 'unknown' && o.absent)) return { t: 'unknown', text, why: `\`${prop}\` is not set`, absent: true };
      return { t: 'alt', options };
    }
  }
}

/**
 * A property of an object literal; spreads are searched last to first, as later ones win. Like a
 * reassigned variable, the first value wins: the literal's own, else the first assigned later.
 */
function objectMember(ev: EvalHost, obj: Extract<Value, { t: 'obj' }>, prop: string, text: string): Value {
  const p = obj.props[prop];
  if (p) return ev.evaluate(p, obj.ctx);
  let absent = true;
  for (let i = obj.spreads.length - 1; i >= 0; i--) {
    const v = memberOf(ev, ev.evaluate(obj.spreads[i]!, obj.ctx), prop);
    if (v.t !== 'unknown') return v;
    if (!v.absent) absent = false;
  }
  const later = obj.assigned?.[prop]?.[0];
  if (later) return ev.evaluate(later, obj.ctx);
  return { t: 'unknown', text, why: `\`${prop}\` is not set`, absent };
}

/**
 * Every value `obj.prop` may have, for a reader that must consider all of them (where a request goes):
 * the one the object is built with — an `absent` unknown when it may be unset — then each value
 * assigned to it later, on any path. As with {@link memberOf}, a property the object is built without
 * but assigned later counts as set. Anything but an object literal has the one value of {@link memberOf}.
 */
export function memberValues(ev: EvalHost, obj: Value, prop: string): Value[] {
  if (obj.t !== 'obj') return [memberOf(ev, obj, prop)];
  const p = obj.props[prop];
  const built = p ? [ev.evaluate(p, obj.ctx)] : spreadValues(ev, obj, prop);
  const later = (obj.assigned?.[prop] ?? []).map((s) => ev.evaluate(s, obj.ctx));
  return later.length ? [...built.filter((v) => !(v.t === 'unknown' && v.absent)), ...later] : built;
}

/** The values spreads may give a property, last spread first, down to one that always sets it. */
function spreadValues(ev: EvalHost, obj: Extract<Value, { t: 'obj' }>, prop: string): Value[] {
  const out: Value[] = [];
  for (let i = obj.spreads.length - 1; i >= 0; i--) {
    const values = memberValues(ev, ev.evaluate(obj.spreads[i]!, obj.ctx), prop);
    const set = values.filter((v) => !(v.t === 'unknown' && v.absent));
    out.push(...set);
    if (set.length === values.length) return out;
  }
  out.push({ t: 'unknown', text: prop, why: `\`${prop}\` is not set`, absent: true });
  return out;
}

/** An export of a module namespace, a CommonJS `module.exports` property, or a submodule. */
function moduleMember(ev: EvalHost, obj: Extract<Value, { t: 'module' }>, prop: string, text: string, sym?: Sym): Value {
  if (obj.file) {
    const v = ev.exported(obj.file, prop, new Set());
    if (v) return v;
    // CommonJS `module.exports = { a, b }` read as `require(x).c`: not set (so a default applies).
    const def = ev.exported(obj.file, 'default', new Set());
    if (def && def.t === 'obj') return memberOf(ev, def, prop, sym);
  }
  // Python `import app.api` then `app.api.routes`: a submodule.
  const subSpec = ev.program.submoduleSpec(obj.from, obj.spec, prop);
  const sub = subSpec === null ? null : ev.program.resolveImport(obj.from, subSpec);
  if (sub !== null) return { t: 'module', file: sub, spec: subSpec!, from: obj.from };
  return { t: 'unknown', text, why: `\`${prop}\` is not defined in ${obj.file ?? obj.spec}` };
}

/** A class attribute default, looked up through the class's bases. */
function classAttr(ev: EvalHost, file: string, cls: string, prop: string, seen: Set<string>): Value | null {
  const key = `${file}#${cls}`;
  if (seen.has(key)) return null;
  seen.add(key);
  const c = ev.program.module(file)?.classes[cls];
  if (!c) return null;
  const a = c.attrs[prop];
  if (a) return ev.evaluate(a, { file, fn: null, params: null });
  for (const b of c.bases) {
    const base = ev.evaluate(b, { file, fn: null, params: null });
    if (base.t === 'class') {
      const v = classAttr(ev, base.file, base.name, prop, seen);
      if (v) return v;
    }
  }
  return null;
}
