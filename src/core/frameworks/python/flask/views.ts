/**
 * The HTTP methods a class-based view serves: a `MethodView` or a Flask-RESTful/RESTX `Resource`
 * dispatches on the `get`/`post`/`put`/`patch`/`delete` handlers it defines or inherits; a plain `View`
 * serves its `methods` attribute, else GET. A `methods` attribute set on the class or a base wins. A
 * base that cannot be read keeps the route, marked partial with the reason.
 */
import { extName, type Evaluator, type Value } from '../../../resolve/evaluate';
import { isHttpMethod } from '../../../resolve/patterns';
import { HTTP_METHODS, type HttpMethod, type MethodOrAny } from '../../../types';

export interface ViewMethods {
  readonly methods: MethodOrAny[];
  readonly notes: string[];
}

const HANDLERS: readonly string[] = ['get', 'post', 'put', 'patch', 'delete'];
/** External bases that dispatch on handler methods. */
const DISPATCHING = new Set(['MethodView', 'Resource']);
/** Classes followed per view (long chains and diamonds stop here). */
const MAX_CLASSES = 24;

interface Walk {
  readonly handlers: Set<HttpMethod>;
  /** The nearest `methods = [...]` attribute; a string when it could not be read. */
  explicit: MethodOrAny[] | string | null;
  readonly external: Set<string>;
  readonly unresolved: string[];
  readonly seen: Set<string>;
}

/** The methods of view class `cls` (`label` names it in notes); `resource`: it is known to dispatch on handlers. */
export function viewMethods(ev: Evaluator, cls: Value, label: string, resource: boolean): ViewMethods {
  if (cls.t !== 'class') {
    const why = cls.t === 'unknown' ? cls.why : 'it is not a class';
    return { methods: ['*'], notes: [`the methods of view \`${label}\` are unknown: ${why}`] };
  }
  const w: Walk = { handlers: new Set(), explicit: null, external: new Set(), unresolved: [], seen: new Set() };
  walk(ev, cls.file, cls.name, w);
  const notes = w.unresolved.map((u) => `the methods of \`${label}\` may be incomplete: ${u}`);
  if (typeof w.explicit === 'string') return { methods: ['*'], notes: [...notes, `the \`methods\` of \`${label}\` could not be evaluated (${w.explicit})`] };
  if (w.explicit) return { methods: w.explicit, notes };
  const dispatching = resource || [...w.external].some((e) => DISPATCHING.has(e));
  if (!dispatching && w.external.has('View')) return { methods: ['GET'], notes };
  const found = HTTP_METHODS.filter((m) => w.handlers.has(m));
  if (!dispatching) {
    const outside = [...w.external].map((e) => `\`${e}\``).join(', ');
    notes.push(`\`${label}\` derives from ${outside || 'no class'} outside the workspace, not a Flask view class we know: its methods are the handlers found in the workspace`);
  }
  if (found.length === 0) return { methods: ['*'], notes: [...notes, `no get/post/put/patch/delete handler was found on \`${label}\``] };
  return { methods: found, notes };
}

function walk(ev: Evaluator, file: string, name: string, w: Walk): void {
  const key = `${file}#${name}`;
  if (w.seen.has(key) || w.seen.size >= MAX_CLASSES) return;
  w.seen.add(key);
  const c = ev.program.module(file)?.classes[name];
  if (!c) {
    w.unresolved.push(`class \`${name}\` is not indexed`);
    return;
  }
  const ctx = { file, fn: null, params: null };
  const attr = c.attrs['methods'];
  if (attr && w.explicit === null) w.explicit = methodList(ev, ev.evaluate(attr, ctx));
  for (const m of Object.keys(c.methods ?? {})) if (HANDLERS.includes(m)) w.handlers.add(m.toUpperCase() as HttpMethod);
  for (const b of c.bases) {
    const base = ev.evaluate(b, ctx);
    if (base.t === 'class') walk(ev, base.file, base.name, w);
    else if (base.t === 'ext') w.external.add(extName(base) ?? base.path);
    else if (base.t === 'unknown') w.unresolved.push(`base \`${base.text}\` could not be resolved (${base.why})`);
  }
}

/** A literal list (or set, tuple) of method names, without the implicit HEAD/OPTIONS; a reason otherwise. */
export function methodList(ev: Evaluator, v: Value): MethodOrAny[] | string {
  if (v.t === 'unknown') return v.why;
  if (v.t !== 'arr') return 'not a list';
  const out: MethodOrAny[] = [];
  for (const item of v.items) {
    const s = ev.evaluate(item, v.ctx);
    const text = s.t === 'str' && s.parts.length === 1 && 'lit' in s.parts[0]! ? s.parts[0].lit.toUpperCase() : null;
    if (text === null) return `\`${s.t === 'unknown' ? s.text : 'an item'}\` is not a literal`;
    if (isHttpMethod(text)) out.push(text);
  }
  return withoutImplicit(out);
}

/** HEAD and OPTIONS come with every Flask route: listed only when nothing else is. */
export function withoutImplicit(methods: readonly MethodOrAny[]): MethodOrAny[] {
  const rest = methods.filter((m) => m !== 'HEAD' && m !== 'OPTIONS');
  return rest.length ? [...new Set(rest)] : [...new Set(methods)];
}
