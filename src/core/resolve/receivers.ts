/**
 * JS class instances as receivers: members read through the class chain (constructor-assigned fields,
 * class fields, methods bound to the instance), the arguments each constructor of the chain gets for
 * one construction (through `super(…)`), and `this` inside a method — a parameter of the method that
 * the call site binds, or, where no call site says, an instance of the method's class.
 */
import type { ClassFact, ModuleFacts, Sym } from './sym';
import { THIS_PARAM } from './sym';
import type { Ctx, EvalHost, Value } from './value';

type Instance = Extract<Value, { t: 'instance' }>;
type Param = Extract<Value, { t: 'param' }>;

/** Classes followed up a chain (long chains and cycles stop here). */
const MAX_CHAIN = 16;

const owners = new WeakMap<ModuleFacts, Map<string, string>>();

/** The class whose method or constructor function `fnId` of `file` is; null for other functions. */
export function classOfFunction(ev: EvalHost, file: string, fnId: string): string | null {
  const mod = ev.program.module(file);
  if (!mod) return null;
  let byFn = owners.get(mod);
  if (!byFn) {
    byFn = new Map();
    for (const c of Object.values(mod.classes)) {
      if (c.ctor) byFn.set(c.ctor, c.name);
      for (const id of Object.values(c.methods ?? {})) byFn.set(id, c.name);
    }
    owners.set(mod, byFn);
  }
  return byFn.get(fnId) ?? null;
}

/** `this` of a method, when no call site says which instance: one of its class, built out of sight. */
export function staticReceiver(ev: EvalHost, file: string, fnId: string): Instance | null {
  const cls = classOfFunction(ev, file, fnId);
  if (!cls) return null;
  return { t: 'instance', file, cls, init: { args: [], kw: {}, kwSpreads: [], ctx: { file, fn: null, params: null }, opaque: `\`${cls}\` is constructed out of sight` } };
}

/** Is `v` the receiver parameter (`this`) of a method? */
export function isThisParam(v: Value): v is Param {
  return v.t === 'param' && v.index === THIS_PARAM;
}

/** The classes of an instance's chain, most derived first. */
function chain(ev: EvalHost, file: string, cls: string): Array<{ file: string; c: ClassFact }> {
  const out: Array<{ file: string; c: ClassFact }> = [];
  let cur: { file: string; name: string } | null = { file, name: cls };
  while (cur && out.length < MAX_CHAIN && !out.some((o) => o.file === cur!.file && o.c.name === cur!.name)) {
    const c: ClassFact | undefined = ev.program.module(cur.file)?.classes[cur.name];
    if (!c) break;
    out.push({ file: cur.file, c });
    const b: Sym | undefined = c.bases[0];
    const base: Value | null = b ? ev.evaluate(b, { file: cur.file, fn: null, params: null }) : null;
    cur = base?.t === 'class' ? { file: base.file, name: base.name } : null;
  }
  return out;
}

/**
 * The parameters of the constructor of `target` (a class of the instance's chain) for this
 * construction; null when the construction is not known (the parameters stay symbolic).
 */
export function constructorParams(ev: EvalHost, inst: Instance, targetFile: string, target: string): Value[] | null {
  if (!inst.init) return null;
  let args: Value[] = inst.init.args.map((a) => ev.evaluate(a, inst.init!.ctx));
  for (const { file, c } of chain(ev, inst.file, inst.cls)) {
    const here = file === targetFile && c.name === target;
    if (!c.ctor) {
      if (here) return args;
      continue;
    }
    if (here) return args;
    const ctx: Ctx = { file, fn: c.ctor, params: args, self: inst };
    args = (c.baseInit?.args ?? []).map((a) => ev.evaluate(a, ctx));
  }
  return null;
}

/** A member of an instance of a JS class: a field (constructor-assigned, or a class field), else a bound method. */
export function instanceMember(ev: EvalHost, inst: Instance, prop: string): Value | null {
  for (const { file, c } of chain(ev, inst.file, inst.cls)) {
    const assigned = own(c.selfAssigned, prop);
    if (assigned && c.ctor) return bind(ev.evaluate(assigned, { file, fn: c.ctor, params: constructorParams(ev, inst, file, c.name), self: inst }), inst);
    const attr = own(c.attrs, prop);
    if (attr) return bind(ev.evaluate(attr, { file, fn: null, params: null, self: inst }), inst);
    const m = own(c.methods, prop);
    if (m) return { t: 'fn', file, id: m, self: inst };
  }
  return null;
}

/** A method read on a JS class itself (`UsersService.readUserMe`, a static method); null when it has none. */
export function classMethod(ev: EvalHost, file: string, cls: string, prop: string): Value | null {
  for (const { file: f, c } of chain(ev, file, cls)) {
    if (own(c.attrs, prop)) return null;
    const m = own(c.methods, prop);
    if (m) return { t: 'fn', file: f, id: m };
  }
  return null;
}

/** A method read on `this` inside a method: bound to the same receiver; null when `prop` is no method. */
export function thisMethod(ev: EvalHost, self: Param, prop: string): Value | null {
  const cls = classOfFunction(ev, self.file, self.fn);
  if (!cls) return null;
  for (const { file, c } of chain(ev, self.file, cls)) {
    if (own(c.selfAssigned, prop) || own(c.attrs, prop)) return null;
    const m = own(c.methods, prop);
    if (m) return { t: 'fn', file, id: m, self };
  }
  return null;
}

/** `table[key]` when the table itself has it (member tables are plain objects: `constructor` is not Object's). */
function own<V>(table: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return table && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** A function read from an instance is a method of it. */
function bind(v: Value, self: Value): Value {
  return v.t === 'fn' && !v.self ? { ...v, self } : v;
}
