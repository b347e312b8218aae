/**
 * Django / DRF route stub: a `path("…", View.as_view())` next to a sibling `path()` of the URLconf whose
 * include prefix covers the path, and the view class it names, appended to the views module the sibling's
 * view comes from (an `APIView` returning a 501 `Response` in a DRF project, a `View` returning a 501
 * `JsonResponse` otherwise). The view is referenced the way the sibling's is (`views.X.as_view()` through
 * an imported views module, or a name added to the `from .views import …` line). Anything else (a
 * `re_path`, a router registration, a view from another package, a pattern sharing its line) is refused
 * with the reason.
 */
import { dirname, join, normalize } from '../../../path';
import { pyString } from '../../../fixes/codeText';
import { afterImports, closingParen, handlerName, indentOf, lines, offsetOf, positionOf, renderPath, type StubContribution, type StubEdit, type StubInput, type StubResult } from '../../../fixes/stubText';

interface ViewRef {
  /** How the new view is written in the pattern, given its class name. */
  readonly expr: (cls: string) => string;
  /** The views module (root-relative). */
  readonly file: string;
  /** An edit of the URLconf the new name needs (an import list), given its class name. */
  readonly importEdit: ((cls: string) => StubEdit) | null;
  /** Edits of the packages that re-export the view (their import lists). */
  readonly more?: (cls: string) => StubEdit[];
}

/** `from . import views`, `from .. import views`, `from .views import A`: the module file, for relative imports only. */
function relativeModule(urlsFile: string, dots: string, mod: string): string | null {
  let dir = dirname(urlsFile);
  for (let i = 1; i < dots.length; i++) dir = dirname(dir);
  const path = mod ? join(dir, `${mod.replace(/\./g, '/')}.py`) : null;
  return path ? normalize(path) : null;
}

/** Where the sibling's view comes from, and how a new one is referenced the same way; or why not. */
function viewRef(input: StubInput, viewExpr: string): ViewRef | { reason: string } {
  const text = input.text;
  const file = input.sibling.file;
  const modView = /^([A-Za-z_]\w*)\.[A-Za-z_]\w*(?:\.as_view\s*\(|\s*$)/.exec(viewExpr);
  if (modView) {
    const alias = modView[1]!;
    const imp = new RegExp(`^from[ \\t]+(\\.+)([\\w.]*)[ \\t]+import[ \\t]+(?:[^\\n#]*,[ \\t]*)?${alias}[ \\t]*(?:,|#|$)`, 'm').exec(text);
    if (!imp) return { reason: `\`${alias}\` is not a views module imported relatively` };
    const target = relativeModule(file, imp[1]!, [imp[2], alias].filter(Boolean).join('.'));
    if (!target || !input.files.includes(target)) return { reason: `the module \`${alias}\` is not a plain .py file of the service` };
    return { file: target, expr: (cls) => `${alias}.${cls}.as_view()`, importEdit: null };
  }
  const named = /^([A-Za-z_]\w*)(?:\.as_view\s*\(|\s*$)/.exec(viewExpr);
  if (!named) return { reason: 'the sibling route\'s view is not a plain name or module attribute' };
  return namedViewRef(input, named[1]!);
}

/** The `from x import …` statement of `text` that imports `name`: its module and the edit adding a name next to it. */
function importOf(text: string, name: string): { dots: string; mod: string; add: (cls: string) => Omit<StubEdit, 'file'> } | { reason: string } {
  const one = new RegExp(`^from[ \\t]+(\\.*)([\\w.]*)[ \\t]+import[ \\t]+([^\\n#()]*\\b${name}\\b[^\\n#()]*?)[ \\t]*(?:#.*)?$`, 'm').exec(text);
  if (one) {
    const at = positionOf(text, one.index + one[0].indexOf(one[3]!) + one[3]!.length);
    return { dots: one[1]!, mod: one[2]!, add: (cls) => ({ line: at.line, column: at.column, text: `, ${cls}` }) };
  }
  for (const m of text.matchAll(/^from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]*\(([^)]*)\)/gm)) {
    if (!new RegExp(`(?:^|[\\s,])${name}\\s*(?:,|$)`).test(m[3]!.replace(/#[^\n]*/g, ''))) continue;
    const close = m.index + m[0].length - 1;
    const before = text.slice(m.index, close).replace(/\s+$/, '');
    const last = m.index + before.length;
    const closeLine = text.lastIndexOf('\n', close - 1) + 1;
    const own = text.slice(closeLine, close).trim() === '';
    if (own && before.endsWith(',')) {
      const itemLine = text.slice(0, last).lastIndexOf('\n') + 1;
      const at = positionOf(text, closeLine);
      return { dots: m[1]!, mod: m[2]!, add: (cls) => ({ line: at.line, column: at.column, text: `${indentOf(text.slice(itemLine))}${cls},\n` }) };
    }
    const at = positionOf(text, last);
    return { dots: m[1]!, mod: m[2]!, add: (cls) => ({ line: at.line, column: at.column, text: before.endsWith(',') ? ` ${cls},` : `, ${cls}` }) };
  }
  return { reason: `\`${name}\` is not imported with \`from … import\`` };
}

/** The file of a module imported from `from` (relative: by its dots; absolute: the one file of the service ending so). */
function moduleFile(input: StubInput, from: string, dots: string, mod: string): string | null {
  if (dots) {
    const base = relativeModule(from, dots, mod || '__init__');
    const pkg = base ? base.replace(/\.py$/, '/__init__.py') : null;
    return [base, pkg].find((f): f is string => !!f && input.files.includes(f)) ?? null;
  }
  const tail = mod.replace(/\./g, '/');
  const hits = input.files.filter((f) => f === `${tail}.py` || f.endsWith(`/${tail}.py`) || f === `${tail}/__init__.py` || f.endsWith(`/${tail}/__init__.py`));
  return hits.length === 1 ? hits[0]! : null;
}

/**
 * A view imported by name (`from .views import A`, `from plane.app.views import (A, B)`): the new name joins
 * that import, and when the module is a package re-exporting it (`views/__init__.py`: `from .cycle import A`),
 * the class goes to the module that defines the sibling, and the package's import gets the name too.
 */
function namedViewRef(input: StubInput, name: string): ViewRef | { reason: string } {
  const edits: Array<(cls: string) => StubEdit> = [];
  let file = input.sibling.file;
  let text = input.text;
  for (let hop = 0; hop < 4; hop++) {
    const imp = importOf(text, name);
    if ('reason' in imp) return hop ? { reason: `${file} does not import \`${name}\` with \`from … import\`` } : imp;
    const here = file;
    edits.push((cls) => ({ ...imp.add(cls), file: here }));
    const target = moduleFile(input, file, imp.dots, imp.mod);
    if (!target) return { reason: `the module \`${imp.dots}${imp.mod}\` is not one .py file of the service` };
    const next = input.readFile(target);
    if (next === null) return { reason: `${target} cannot be read` };
    if (new RegExp(`^(?:class|def|async[ \\t]+def)[ \\t]+${name}\\b`, 'm').test(next)) {
      const [urls, ...rest] = edits;
      return { file: target, expr: (cls) => `${cls}.as_view()`, importEdit: (cls) => urls!(cls), more: (cls) => rest.map((e) => e(cls)) };
    }
    file = target;
    text = next;
  }
  return { reason: `\`${name}\` is re-exported through too many modules` };
}

/** The class text for `method` on a view, DRF or plain Django. */
function viewClass(cls: string, method: string, params: readonly string[], drf: boolean, base: string): string {
  const args = ['self', 'request', ...params].join(', ');
  const body = drf ? 'return Response({"detail": "Not implemented"}, status=501)' : 'return JsonResponse({"error": "Not implemented"}, status=501)';
  return [`class ${cls}(${base}):`, `    def ${method.toLowerCase()}(${args}):`, `        ${body}`, ''].join('\n');
}

const has = (text: string, mod: string, name: string) => new RegExp(`^from[ \\t]+${mod.replace(/\./g, '\\.')}[ \\t]+import[ \\t]+[^\\n]*\\b${name}\\b|^from[ \\t]+${mod.replace(/\./g, '\\.')}[ \\t]+import[ \\t]*\\([^)]*\\b${name}\\b`, 'm').test(text);

export const djangoStub: StubContribution = {
  routeStub(input: StubInput): StubResult {
    const method = input.method.toUpperCase();
    if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) return { reason: `${method} is not a view method to write` };
    // Django dispatches a path to the first pattern that matches it: a second pattern for the same path
    // would never be reached, so a method of an existing path belongs in that path's view.
    if (input.samePath) return { reason: 'the path already has a view; Django would never reach a second pattern for it (add the method to that view)' };
    // The route's span is the pattern's head (`path("…"`); the call goes on past it.
    const start = offsetOf(input.text, input.sibling.span.line, input.sibling.span.column);
    const src = input.text.slice(start, start + 20_000);
    const call = /^path\s*\(\s*(["'])([^"'\\]*)\1\s*,\s*/.exec(src);
    if (!call) return { reason: 'the route is not registered with `path("…", view)`' };
    const all = lines(input.text);
    const line = all[input.sibling.span.line - 1]!;
    if (line.slice(0, input.sibling.span.column - 1).trim() !== '') return { reason: 'the pattern shares its line with other code' };
    const close = closingParen(input.text, start + src.indexOf('('));
    if (close === null) return { reason: 'the pattern does not end' };
    const viewExpr = input.text.slice(start + call[0].length, close - 1).split(/,\s*(?:name|kwargs)\s*=/)[0]!.trim();
    const ref = viewRef(input, viewExpr);
    if ('reason' in ref) return ref;
    const views = input.readFile(ref.file);
    if (views === null) return { reason: `${ref.file} cannot be read` };
    // Named after the resource (its last two literal segments), with the suffix the sibling's view uses.
    const words = input.segments.flatMap((x) => ('lit' in x ? [x.lit] : [])).slice(-2).flatMap((w) => w.split(/[^A-Za-z0-9]+/)).filter(Boolean);
    const stem = words.length ? words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') : handlerName(input.method, input.segments, 'camel', '').replace(/^./, (c) => c.toUpperCase());
    const suffix = /Endpoint(?:\.\w+)?$/.test(input.sibling.handler ?? '') ? 'Endpoint' : 'View';
    let cls = /^[A-Za-z_]\w*$/.test(stem) ? `${stem}${suffix}` : `${method[0]}${method.slice(1).toLowerCase()}${suffix}`;
    for (let i = 2, b = cls; new RegExp(`\\b${cls}\\b`).test(`${views}\n${input.text}`); i++) cls = `${b}${i}`;
    const trailing = call[2]!.endsWith('/') && input.segments.length ? '/' : '';
    // A parameter the URLconf already converts (`<uuid:project_id>`) keeps its converter.
    const converters = new Map<string, string>();
    for (const m of input.text.matchAll(/<([A-Za-z_]\w*):([A-Za-z_]\w*)>/g)) if (!converters.has(m[2]!)) converters.set(m[2]!, m[1]!);
    const route = renderPath(input.segments, (p) => (converters.has(p) ? `<${converters.get(p)}:${p}>` : `<${p}>`), false) + trailing;
    const pattern = `path(${pyString(route)}, ${ref.expr(cls)})`;
    const after = /^\s*,/.exec(input.text.slice(close));
    const at = positionOf(input.text, after ? close + after[0].length : close);
    const edits: StubEdit[] = [{ line: at.line, column: at.column, text: after ? `\n${indentOf(line)}${pattern},` : `,\n${indentOf(line)}${pattern}` }];
    if (ref.importEdit) edits.push(ref.importEdit(cls));
    if (ref.more) edits.push(...ref.more(cls));
    // The view class, at the end of the views module, with the imports it needs.
    const drf = /\brest_framework\b/.test(views) || 'djangorestframework' in input.versions;
    const vlines = lines(views);
    const params = input.segments.flatMap((s) => ('param' in s ? [s.param] : []));
    // The project's own API view base when the module uses one (`BaseAPIView`), DRF's otherwise.
    const own = drf ? /^(?:from[^\n]*\bimport\b[^\n]*?|[ \t]+|class[ \t]+)\b(Base\w*APIView)\b/m.exec(views)?.[1] : undefined;
    const base = own ?? (drf ? 'APIView' : 'View');
    const needs = drf ? [...(own ? [] : [['rest_framework.views', 'APIView']]), ['rest_framework.response', 'Response']] : [['django.views', 'View'], ['django.http', 'JsonResponse']];
    const imports = needs.filter(([m, n]) => !has(views, m!, n!)).map(([m, n]) => `from ${m} import ${n}\n`);
    const last = vlines[vlines.length - 1]!;
    const tail = `${last === '' ? '' : '\n'}\n\n${viewClass(cls, method, params, drf, base)}`;
    const viewEdits: StubEdit[] = [{ file: ref.file, line: vlines.length, column: last.length + 1, text: tail }];
    if (imports.length) viewEdits.unshift({ file: ref.file, line: afterImports(vlines, /^(from|import)\s/), column: 1, text: imports.join('') });
    const classLine = vlines.length + (last === '' ? 2 : 3) + imports.length;
    return { edits: [...edits, ...viewEdits], reveal: { file: ref.file, line: classLine, column: 1 } };
  },
};
