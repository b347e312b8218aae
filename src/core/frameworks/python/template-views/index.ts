/**
 * Views that render a template, for forms that submit to their own page (`markup/self-forms`): Flask's
 * `render_template("x.html")` and Django's `render(request, "x.html")` / `TemplateResponse(request,
 * "x.html")` inside a function or method, and Django class-based views' `template_name = "x.html"` or a
 * generic view's default name (`<app>/<model>_form.html` for a CreateView/UpdateView whose `model` is a
 * plain name). Each is a fact, not a call: the http relation joins it with the routes whose handler is
 * the view (`relations/http/pages.ts`). A template name that is not a literal gives no fact.
 */
import type { ClassFact, ModuleFacts, Sym } from '../../../resolve/sym';
import { str } from '../../../resolve/sym';
import { hasDependency } from '../../../project/projects';
import type { Span } from '../../../types';
import { defineFramework, type ClientDecl, type ParsedFile } from '../../types';

const MARKERS = /\.as_view\s*\(|\brender_template\s*\(|\brender\s*\(|\bTemplateResponse\s*\(|\btemplate_name\s*=|\b(?:Create|Update|Delete|Detail|List)View\b/;
/** Render helpers: the module they come from and the index and keyword of their template argument. */
const HELPERS: Readonly<Record<string, { from: RegExp; index: number; kw: string }>> = {
  render_template: { from: /^(?:flask|quart|flask\.templating)$/, index: 0, kw: 'template_name_or_list' },
  render: { from: /^django\.shortcuts$/, index: 1, kw: 'template_name' },
  render_to_response: { from: /^django\.shortcuts$/, index: 0, kw: 'template_name' },
  TemplateResponse: { from: /^django\.template\.response$/, index: 1, kw: 'template' },
};
/** Django generic views and the suffix of their default template name. */
const GENERIC_SUFFIX: Readonly<Record<string, string>> = { CreateView: '_form', UpdateView: '_form', DeleteView: '_confirm_delete', DetailView: '_detail', ListView: '_list' };
/** `django.contrib.auth.views` classes and their default templates. */
const AUTH_VIEWS: Readonly<Record<string, string>> = {
  LoginView: 'registration/login.html',
  PasswordChangeView: 'registration/password_change_form.html',
  PasswordResetView: 'registration/password_reset_form.html',
  PasswordResetConfirmView: 'registration/password_reset_confirm.html',
};

export default defineFramework({
  id: 'template-views',
  title: 'Views rendering templates (Python)',
  language: 'python',
  docs: 'https://docs.djangoproject.com/en/stable/ref/class-based-views/mixins-simple/#django.views.generic.base.TemplateResponseMixin.template_name',
  supports: { crossModule: true },
  detection: { deps: [], noteWhenNoRoutes: false },
  detect: (p) => ['flask', 'django', 'quart'].some((d) => hasDependency(p, d)),
  requests: {
    languages: ['python'],
    accepts: (f, text) => f.ext === '.py' && MARKERS.test(text),
    extract(file) {
      return [...renderCalls(file), ...classViews(file)];
    },
    resolve(decl) {
      const [template, view] = decl.args.map((a) => (a.k === 'str' ? a.v : ''));
      if (!template || !view) return null;
      const url = { t: 'str' as const, parts: [{ lit: template }] };
      return { client: 'render', kind: 'page', method: null, defaultMethod: 'GET', url, base: null, via: [], page: { role: 'render', template, view } };
    },
  },
});

/** `render_template("x.html")` in a function (`view` is its name) or a method (`view` is its class). */
function renderCalls(file: ParsedFile): ClientDecl[] {
  const py = file.py;
  if (!py) return [];
  const out: ClientDecl[] = [];
  for (const c of py.calls) {
    const inline = asViewTemplate(py.module, c.callee, c.kw.template_name);
    if (inline) out.push(fact(file, c.span, inline.template, inline.view));
    const name = c.callee.k === 'ref' ? bare(c.callee.name) : null;
    const imp = name !== null ? py.module.imports[name] : undefined;
    const helper = imp ? HELPERS[imp.name] : undefined;
    if (!helper || !imp || !helper.from.test(imp.specifier) || c.fn === null) continue;
    const arg = c.args[helper.index] ?? c.kw[helper.kw];
    const view = viewOf(py.module, c.fn);
    if (arg?.k !== 'str' || view === null) continue;
    out.push(fact(file, c.span, arg.v, view));
  }
  return out;
}

/**
 * `View.as_view(template_name="x.html")` where routes are declared (the view is named as the route's
 * handler is, `auth_views.LoginView`), or without it for a `django.contrib.auth.views` class with a default.
 */
function asViewTemplate(module: ModuleFacts, callee: Sym, kw: Sym | undefined): { template: string; view: string } | null {
  if (callee.k !== 'member' || callee.prop !== 'as_view') return null;
  const names: string[] = [];
  let o: Sym = callee.obj;
  for (; o.k === 'member'; o = o.obj) names.unshift(o.prop);
  if (o.k !== 'ref') return null;
  names.unshift(bare(o.name));
  const view = names.join('.');
  if (kw) return kw.k === 'str' ? { template: kw.v, view } : null;
  const imp = module.imports[names[0]!];
  const full = imp ? [`${imp.specifier}.${imp.name}`, ...names.slice(1)].join('.') : '';
  const cls = /^django\.contrib\.auth\.views\.(\w+)$/.exec(full)?.[1];
  return cls && AUTH_VIEWS[cls] ? { template: AUTH_VIEWS[cls]!, view } : null;
}

/** The view a function belongs to: its name, or its class's for a method; null for a nested function. */
function viewOf(module: ModuleFacts, fn: string): string | null {
  const name = module.functions[fn]?.name;
  if (!name) return null;
  const parts = name.split('.');
  if (parts.length === 1) return name;
  return parts.length === 2 && module.classes[parts[0]!] ? parts[0]! : null;
}

/** Django class-based views: `template_name`, or a generic view's default name. */
function classViews(file: ParsedFile): ClientDecl[] {
  const module = file.py?.module;
  if (!module) return [];
  const out: ClientDecl[] = [];
  const line = (name: string) => file.py!.decorated.find((d) => d.kind === 'class' && d.name === name)?.span;
  for (const [name, cls] of Object.entries(module.classes)) {
    const chain = classChain(module, cls);
    if (chain.some((c) => c.methods?.get_template_names !== undefined)) continue;
    const template = attr(chain, 'template_name');
    const name2 = template !== undefined ? (template.k === 'str' ? template.v : null) : defaultName(module, file.ref.path, chain);
    if (!name2) continue;
    const span = line(name) ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
    out.push(fact(file, span, name2, name));
  }
  return out;
}

/** A class and its bases of the same module, nearest first; a base from elsewhere ends its branch as a bare class of its name. */
function classChain(module: ModuleFacts, cls: ClassFact): ClassFact[] {
  const out: ClassFact[] = [cls];
  for (let k = 0; k < out.length && out.length < 16; k++) {
    for (const b of out[k]!.bases) {
      const n = baseName(b);
      const local = n !== null && b.k === 'ref' ? module.classes[n] : undefined;
      if (local && !out.includes(local)) out.push(local);
      else if (n !== null && !local) out.push({ name: n, bases: [], attrs: {} });
    }
  }
  return out;
}

function attr(chain: readonly ClassFact[], name: string): Sym | undefined {
  for (const c of chain) if (c.attrs[name] !== undefined) return c.attrs[name];
  return undefined;
}

/**
 * A generic view's default template (`core/child_form.html`): its app is the package of the model's
 * `models` module (`from core import models` … `models.Child`, `from .models import Child`), its model a
 * plain class name; null when any of them is not simple (`get_user_model()`, a model of this module).
 */
function defaultName(module: ModuleFacts, path: string, chain: readonly ClassFact[]): string | null {
  const generic = chain.find((c) => c !== chain[0] && c.bases.length === 0 && GENERIC_SUFFIX[c.name] !== undefined);
  if (!generic || attr(chain, 'template_name_suffix') !== undefined) return null;
  const model = attr(chain, 'model');
  const m = model ? baseName(model) : null;
  const app = model ? modelApp(module, path, model) : null;
  if (!m || !app) return null;
  return `${app}/${m.toLowerCase()}${GENERIC_SUFFIX[generic.name]}.html`;
}

/** The app whose `models` module a model comes from, through the view module's imports; null when not plain. */
function modelApp(module: ModuleFacts, path: string, model: Sym): string | null {
  let mod: string | null = null;
  if (model.k === 'ref') {
    const imp = module.imports[bare(model.name)];
    mod = imp ? imp.specifier : null;
  } else if (model.k === 'member' && model.obj.k === 'ref') {
    const imp = module.imports[bare(model.obj.name)];
    mod = imp ? (imp.name === '*' ? imp.specifier : `${imp.specifier}${/^\.*$/.test(imp.specifier) ? '' : '.'}${imp.name}`) : null;
  }
  if (!mod) return null;
  const dots = /^\.*/.exec(mod)![0].length;
  const rest = mod.slice(dots).split('.').filter((x) => x !== '');
  const base = dots ? path.split('/').slice(0, -dots) : [];
  if (dots && base.length < 1) return null;
  const full = [...base, ...rest];
  return full.length >= 2 && full[full.length - 1] === 'models' && /^\w+$/.test(full[full.length - 2]!) ? full[full.length - 2]! : null;
}

/** `Child`, `models.Child`, `generic.CreateView` → the last name. */
function baseName(s: Sym): string | null {
  if (s.k === 'ref') return bare(s.name);
  if (s.k === 'member' && (s.obj.k === 'ref' || s.obj.k === 'member')) return s.prop;
  return null;
}

function bare(name: string): string {
  return name.slice(name.lastIndexOf(':') + 1);
}

function fact(file: ParsedFile, span: Span, template: string, view: string): ClientDecl {
  return { file: file.ref.path, fn: null, span, anchor: span, callee: str('render'), args: [str(template), str(view)] };
}
