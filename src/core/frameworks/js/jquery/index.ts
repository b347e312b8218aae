import { isAbsent } from '../../../lang/js/clients';
import { stripGlobal, type Evaluator, type Value } from '../../../resolve/evaluate';
import type { HttpMethod } from '../../../types';
import { defineFramework, type RequestSpec } from '../../types';
import { callDecls } from '../callDecls';

const MARKERS = /(?:\$|\bjQuery)\s*\.\s*(?:ajax|get|post|getJSON)\s*\(|\bXMLHttpRequest\b/;
const JQUERY = new Set(['$', 'jQuery', 'jquery']);
/** jQuery's shorthands and the method each one uses (`ajax` reads `type`/`method`, GET by default). */
const SHORTHANDS: Readonly<Record<string, HttpMethod>> = { ajax: 'GET', get: 'GET', getJSON: 'GET', post: 'POST' };

/**
 * jQuery and the old browser clients: `$.ajax(url | { url, type | method })`, `$.get`, `$.post`,
 * `$.getJSON` (also on `jQuery` or an imported `jquery`), and `XMLHttpRequest#open(method, url)` on
 * an object built by `new XMLHttpRequest()`.
 */
export default defineFramework({
  id: 'jquery',
  title: 'jQuery and XMLHttpRequest',
  language: 'js',
  docs: 'https://api.jquery.com/jQuery.ajax/',
  supports: { crossModule: true },
  detection: { deps: [] },
  // jQuery is usually a `<script>` from a CDN, and XMLHttpRequest is built in.
  detect: () => true,
  requests: {
    languages: ['js'],
    accepts: (_f, text) => MARKERS.test(text),
    extract: (file) => callDecls(file, (c) => !c.isNew && !c.assign && !!c.args[0] && c.callee.k === 'member' && (c.callee.prop in SHORTHANDS || (c.callee.prop === 'open' && !!c.args[1]))),
    resolve(decl, ctx) {
      if (decl.callee.k !== 'member') return null;
      const ev = ctx.evaluator;
      // `this.xhr.open(…)` in a method: the field of an instance of its class.
      const target = ev.concrete(ctx.value(decl.callee.obj, decl));
      const prop = decl.callee.prop;
      if (prop === 'open') {
        if (!isXhr(target)) return null;
        return request('XMLHttpRequest', ctx.value(decl.args[0]!, decl), 'GET', ctx.value(decl.args[1]!, decl));
      }
      if (!isJQuery(target) || !(prop in SHORTHANDS)) return null;
      const first = ctx.value(decl.args[0]!, decl);
      // `$.ajax(url, settings)`, `$.ajax(settings)`, `$.get(settings)` (jQuery 1.12+).
      const settings = first.t === 'obj' ? first : decl.args[1] ? ctx.value(decl.args[1], decl) : null;
      const url = first.t === 'obj' ? ev.member(first, 'url') : first;
      const method = prop === 'ajax' && settings?.t === 'obj' ? settingsMethod(ev, settings) : null;
      return request(`$.${prop}`, method, SHORTHANDS[prop]!, url);
    },
  },
});

function request(client: string, method: Value | null, defaultMethod: HttpMethod, url: Value): RequestSpec {
  return { client, kind: 'http', method: method === null || isAbsent(method) ? null : method, defaultMethod, url, base: null, via: [] };
}

/** `type` (jQuery < 1.9) or `method`. */
function settingsMethod(ev: Evaluator, settings: Value): Value | null {
  const m = ev.member(settings, 'method');
  if (!isAbsent(m)) return m;
  const t = ev.member(settings, 'type');
  return isAbsent(t) ? null : t;
}

function isJQuery(v: Value): boolean {
  return v.t === 'ext' && JQUERY.has(stripGlobal(v.path).replace(/\.default$/, ''));
}

function isXhr(v: Value): boolean {
  return v.t === 'call' && v.callee.t === 'ext' && stripGlobal(v.callee.path) === 'XMLHttpRequest';
}
