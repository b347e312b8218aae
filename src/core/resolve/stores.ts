/**
 * Configuration stores set at startup and read elsewhere: `config.set("url", "http://…/api")` in one
 * module (or a `Map`, a `conf` store), `config.get("url") + "/message"` in another. A read inside a
 * string is a run-time part that names the store and the key (`store`); the settings are read again in
 * every run and applied when the drafts are made (engine/sharedBases.ts `withStoredValues`), so an edit
 * to the setter reaches every read without the reads being resolved again. Only a store bound to a
 * module-level name (a value with an origin) is followed; the value is used only when exactly one
 * setting of that key is seen.
 */
import { partsOf } from './parts';
import { symText, type Sym } from './sym';
import type { Ctx, EvalHost, Part, Value } from './value';

/** A piece of a string: its value's parts, or a store read (`config.get("url")`) a setting elsewhere may fill. */
export function stringPart(ev: EvalHost, p: Sym, ctx: Ctx): Part[] {
  const v = ev.evaluate(p, ctx);
  const read = v.t === 'str' ? null : storeRead(p);
  const key = read ? storeKey(ev.evaluate(read.obj, ctx), read.key) : null;
  return key && read ? [storePart(`${symText(read.obj)}.get("${read.key}")`, key)] : partsOf(v, p);
}

/** The key a store read or setting goes by: the store's binding and the key (`web/src/config.ts#config#url`). */
export function storeKey(store: Value, key: string): string | null {
  if (store.t !== 'call' && store.t !== 'obj' && store.t !== 'instance') return null;
  return store.origin ? `store:${store.origin}#${key}` : null;
}

/** `x.get("key")` with a literal key: the receiver and the key; null for any other symbol. */
export function storeRead(sym: Sym): { readonly obj: Sym; readonly key: string } | null {
  if (sym.k !== 'call' || sym.callee.k !== 'member' || sym.callee.prop !== 'get' || sym.args.length !== 1 || sym.args[0]!.k !== 'str') return null;
  return { obj: sym.callee.obj, key: sym.args[0]!.v };
}

/** The part a store read stands for in a string, until a setting fills it. */
export function storePart(text: string, key: string): Part {
  return { dyn: text, why: `\`${text}\` is read from a store when the app runs`, store: key };
}
