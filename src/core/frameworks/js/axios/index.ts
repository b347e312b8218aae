import { AXIOS_METHODS, axiosTarget, calleeRoot, isAbsent, isParamRooted } from '../../../lang/js/clients';
import { givenPerCall } from '../perCall';
import type { Value } from '../../../resolve/evaluate';
import { THIS_PARAM, type Sym } from '../../../resolve/sym';
import { defineFramework, type ClientDecl } from '../../types';
import { destination, sharedBaseOf, defaultsSetting } from './config';
import { globalTarget, isThisMember, settingDecls } from './globals';
import { interceptorDecls, interceptorSetting, isInterceptorDecl } from './interceptors';

const MARKERS = /\baxios\b|\.(?:get|post|put|patch|delete|request)\s*[<(]|\.defaults\.baseURL\b|\bglobalProperties\b|\.prototype\.\$|\bvue-axios\b/;
const BODY_METHODS = new Set(['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']);

/** axios: `axios.get/post/...`, `axios(config)`, `axios.request(config)`, and instances from
 * `axios.create({ baseURL })`, exported and imported across modules. Where a request goes besides its
 * URL (`baseURL`, `socketPath`, proxies, configs that cannot be read) is decided in `config.ts`. */
export default defineFramework({
  id: 'axios',
  title: 'axios',
  language: 'js',
  docs: 'https://axios-http.com/docs/api_intro',
  supports: { crossModule: true, envBase: true, instances: true },
  detection: { deps: ['axios'] },
  // Instances and re-exports reach files whose own project does not list axios.
  detect: () => true,
  requests: {
    languages: ['js'],
    accepts: (_f, text) => MARKERS.test(text),
    extract(file) {
      const js = file.js!;
      const out: ClientDecl[] = [];
      for (const c of js.calls) {
        if (c.isNew || !c.args[0]) continue;
        const callee = c.callee;
        if (callee.k === 'param' && callee.index !== THIS_PARAM) {
          out.push({ file: file.ref.path, fn: c.fn, span: c.span, anchor: c.anchor, callee, args: c.args });
          continue;
        }
        // `x.get(...)`-style calls on a name (the instance may be imported), or `x(config)` on a name.
        // `this.$http.get(...)` in an object's method (a Vue component): a client the project may name so; a client
        // given as a parameter (`axiosInstance.get(url)`) is decided at each call site (deferred).
        const candidate = callee.k === 'member' ? callee.prop in AXIOS_METHODS && (calleeRoot(callee.obj) !== null || isThisMember(callee.obj) || isParamRooted(callee.obj)) : callee.k === 'ref';
        if (!candidate) continue;
        if (callee.k === 'ref' && callee.name !== 'axios' && js.module.bindings[callee.name] === undefined && !js.module.imports[callee.name]) continue;
        out.push({ file: file.ref.path, fn: c.fn, span: c.span, anchor: c.anchor, callee, args: c.args });
      }
      // Bases and global names set for requests made elsewhere (globals.ts).
      out.push(...settingDecls(file.ref.path, js), ...interceptorDecls(file.ref.path, file.text, js));
      return out;
    },
    resolve(decl, ctx) {
      const ev = ctx.evaluator;
      const callee = decl.callee;
      const targetSym: Sym = callee.k === 'member' ? callee.obj : callee;
      let targetValue = ctx.value(targetSym, decl);
      let name = callee.k === 'member' ? callee.prop : 'request';
      // A method handed over as a value (`safe(axiosInstance.post, url)` calling `funcCall(url)`): its client's.
      const passed = callee.k === 'param' ? ev.concrete(targetValue) : null;
      const verb = passed?.t === 'ext' ? passed.path.slice(passed.path.lastIndexOf('.') + 1) : '';
      if (passed?.t === 'ext' && verb !== 'request' && verb in AXIOS_METHODS) [targetValue, name] = [{ t: 'ext', path: passed.path.slice(0, -verb.length - 1) }, verb];
      let target = axiosTarget(targetValue, ev);
      // `this.$http.get(…)` in a component: the client the project names so (`Vue.prototype.$http = axios`).
      const global = target || ev.concrete(targetValue).t !== 'unknown' ? null : globalTarget(ctx, decl.file, targetSym);
      if (global && 'unresolved' in global) return { client: 'axios', kind: 'http', method: null, defaultMethod: '*', url: ctx.value(decl.args[0]!, decl), base: null, via: [], unresolved: global.unresolved };
      if (global) target = global.target;
      if (!target) return givenPerCall(ev, targetValue, decl);
      let url: Value;
      let method: Value | null;
      let config: Value | null;
      if (name === 'request') {
        // axios(config), axios(url, config), axios.request(config)
        const first = ctx.value(decl.args[0]!, decl);
        if (first.t === 'obj') {
          config = first;
          url = ev.member(first, 'url');
        } else {
          url = first;
          config = decl.args[1] ? ctx.value(decl.args[1], decl) : null;
        }
        const m = config ? ev.member(config, 'method') : null;
        method = isAbsent(m) ? null : m;
      } else {
        url = ctx.value(decl.args[0]!, decl);
        method = { t: 'str', parts: [{ lit: AXIOS_METHODS[name]! }] };
        const cfgSym = decl.args[BODY_METHODS.has(name) ? 2 : 1];
        config = cfgSym ? ctx.value(cfgSym, decl) : null;
        // `undefined` passed as the config (`safe(http.delete, url, undefined)`) is no config.
        if ((config?.t === 'ext' && config.path === 'undefined') || (config?.t === 'unknown' && (config.text === 'undefined' || config.text === 'null'))) config = null;
      }
      const { base, unresolved, baseDefault } = destination(ev, url, config, target);
      const via = (base || baseDefault) && target.name !== 'axios' ? [target.name] : [];
      const shared = unresolved ? null : sharedBaseOf(ev, config, target);
      const registered = global ? { registeredIn: global.file, via: [...via, `this.${(targetSym as Extract<Sym, { k: 'member' }>).prop}`] } : {};
      return { client: target.name, kind: 'http', method, defaultMethod: 'GET', url, base, via, ...(unresolved ? { unresolved } : {}), ...(baseDefault ? { baseDefault } : {}), ...(shared ? { sharedBase: shared } : {}), ...registered };
    },
    setting(decl, ctx) {
      if (decl.global) return null;
      const target = axiosTarget(ctx.value(decl.callee, decl), ctx.evaluator);
      if (target && isInterceptorDecl(decl)) return interceptorSetting(decl, target);
      return target ? defaultsSetting(ctx.evaluator, target, ctx.value(decl.args[0]!, decl), decl.args.length > 1) : null;
    },
  },
});
