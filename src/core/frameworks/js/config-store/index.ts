import { storeKey } from '../../../resolve/stores';
import { symText } from '../../../resolve/sym';
import { defineFramework, type ClientDecl } from '../../types';

const MARKERS = /\.set\(\s*["'`]/;

/**
 * Configuration stores set at startup: `config.set("url", "http://…/api")` on a store bound to a
 * module-level name (a `Map`, a `conf`-style store, an object of the app's own), read elsewhere as
 * `config.get("url") + "/message"` (resolve/stores.ts). Each setting is read again in every run and
 * applied when the drafts are made (engine/sharedBases.ts): a read is filled only when exactly one
 * setting of its key is seen, with a value known statically. No requests of its own.
 */
export default defineFramework({
  id: 'config-store',
  title: 'Configuration stores',
  language: 'js',
  supports: { crossModule: true },
  detection: { deps: [] },
  detect: () => true,
  requests: {
    languages: ['js'],
    accepts: (_f, text) => MARKERS.test(text),
    extract(file) {
      const out: ClientDecl[] = [];
      const js = file.js!;
      for (const c of js.calls) {
        const [key, value] = c.args;
        if (c.isNew || c.args.length !== 2 || key?.k !== 'str' || c.callee.k !== 'member' || c.callee.prop !== 'set') continue;
        // A store bound at module level or imported (a local `Map` or `Headers` is no shared store).
        const obj = c.callee.obj;
        if (obj.k !== 'ref' || obj.name.includes('::') || !(js.module.bindings[obj.name] || js.module.imports[obj.name])) continue;
        const args = c.conditional ? [key, value!, { k: 'dyn', text: 'conditional' } as const] : [key, value!];
        out.push({ file: file.ref.path, fn: c.fn, span: c.span, anchor: c.anchor, callee: obj, args, setting: true });
      }
      return out;
    },
    resolve: () => null,
    setting(decl, ctx) {
      const name = (decl.args[0] as Extract<ClientDecl['args'][number], { k: 'str' }>).v;
      const key = storeKey(ctx.value(decl.callee, decl), name);
      if (key === null) return null;
      const label = `${symText(decl.callee)}.set("${name}")`;
      const common = { key, scope: 'client', mode: 'store', label } as const;
      const value = ctx.value(decl.args[1]!, decl);
      if (decl.args.length > 2) return { ...common, value: null, why: 'is made on some paths only' };
      if (value.t !== 'str' || !value.parts.every((p) => 'lit' in p || 'env' in p)) return { ...common, value: null, why: `sets \`${symText(decl.args[1]!)}\` (not known statically)` };
      return { ...common, value };
    },
  },
});
