/**
 * Properties assigned to a named object after it is built: `options.url = "/x"`, `config.baseURL ??= b`,
 * `cfg["method"] = "post"`, `q.url += "?all=1"` — in any branch, or in a nested function. The walk
 * records them per binding; at the end they are attached to the bindings that are object literals
 * (`assigned` on the `obj` symbol), so each of them counts as a value the property may have. Other
 * bindings (call results, parameters) are left as they are: their objects are not known anyway.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Sym } from '../../resolve/sym';
import type { Node } from './ast';
import { declaredKey, type Scope } from './scope';

/** Parts of a URL object that only change its query or fragment, which never take part in matching. */
const URL_QUERY = new Set(['search', 'hash', 'searchParams']);

/** Operators whose right side may become the property's value. */
const SETTING = new Set(['=', '??=', '||=', '&&=']);

export class PropertyAssignments {
  /** binding key → property → assigned values, in source order. */
  private readonly byKey = new Map<string, Map<string, Sym[]>>();

  /**
   * Record `name.prop op right` when `name` is a declared variable (not a parameter). `bindings` are
   * the bindings so far (for `+=` on a property the literal set). Returns true when recorded.
   */
  record(node: TSESTree.AssignmentExpression, scope: Scope, sym: (n: Node) => Sym, bindings: Readonly<Record<string, Sym>>): boolean {
    const left = node.left;
    if (left.type !== 'MemberExpression' || left.object.type !== 'Identifier') return false;
    const prop = propertyName(left);
    if (prop === null) return false;
    const key = declaredKey(left.object.name, scope);
    if (key === null) return false;
    let props = this.byKey.get(key);
    if (!props) this.byKey.set(key, (props = new Map()));
    const list = props.get(prop) ?? [];
    if (SETTING.has(node.operator)) list.push(sym(node.right));
    else if (node.operator === '+=') {
      // Appends to the latest value seen (a query string, usually); unknown when there is none.
      const bound = bindings[key];
      const prev = list[list.length - 1] ?? (bound?.k === 'obj' ? bound.props[prop] : undefined);
      list.push(prev ? { k: 'concat', parts: [prev, sym(node.right)] } : { k: 'dyn', text: `${left.object.name}.${prop}` });
    } else list.push({ k: 'dyn', text: `${left.object.name}.${prop}` });
    props.set(prop, list);
    return true;
  }

  /** Attach the recorded assignments to the bindings that are object literals. */
  apply(bindings: Record<string, Sym>): void {
    for (const [key, props] of this.byKey) {
      const b = bindings[key];
      // `u.pathname = …` on `new URL(…)`: the URL is no longer the one it was built from (its query is never read).
      const changed = b?.k === 'call' && b.callee.k === 'ref' && b.callee.name === 'URL' ? [...props.keys()].find((p) => !URL_QUERY.has(p)) : undefined;
      if (changed !== undefined) bindings[key] = { k: 'dyn', text: `${key.slice(key.lastIndexOf(':') + 1)} (its \`${changed}\` is set after it is built)` };
      if (b?.k !== 'obj') continue;
      const assigned: Record<string, readonly Sym[]> = { ...b.assigned };
      for (const [prop, values] of props) assigned[prop] = [...(assigned[prop] ?? []), ...values];
      bindings[key] = { ...b, assigned };
    }
  }
}

/** `prop` of `o.prop` or `o["prop"]`; null for other computed keys. */
function propertyName(m: TSESTree.MemberExpression): string | null {
  if (!m.computed) return m.property.type === 'Identifier' ? m.property.name : null;
  return m.property.type === 'Literal' && (typeof m.property.value === 'string' || typeof m.property.value === 'number') ? String(m.property.value) : null;
}

const GLOBAL_OBJECTS = new Set(['window', 'self', 'globalThis']);

/** `window.X = …` (also `self.`, `globalThis.`): the global name it defines, or null. */
export function windowGlobal(node: TSESTree.AssignmentExpression): string | null {
  const l = node.left;
  if (node.operator !== '=' || l.type !== 'MemberExpression' || l.computed || l.property.type !== 'Identifier') return null;
  return l.object.type === 'Identifier' && GLOBAL_OBJECTS.has(l.object.name) ? l.property.name : null;
}
