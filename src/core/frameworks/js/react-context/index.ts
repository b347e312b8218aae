import { contextKey } from '../../../resolve/contexts';
import { symText } from '../../../resolve/sym';
import { defineFramework, type ClientDecl } from '../../types';

/**
 * React-style context providers (React, Preact, Solid): `<ApiContext.Provider value={client}>` gives the
 * components below it another value than the context's default. The evaluator reads `useContext(Ctx)`
 * as the default (`createContext(init)`, resolve/contexts.ts); each provider is a setting, read again in
 * every run (engine/sharedBases.ts), and a request made through a context's value stays unresolved
 * unless every provider gives that same value. No requests of its own.
 */
export default defineFramework({
  id: 'react-context',
  title: 'React context providers',
  language: 'js',
  supports: { crossModule: true },
  detection: { deps: ['react', 'preact', 'solid-js'] },
  // The context's consumers may be in another project than its provider.
  detect: () => true,
  requests: {
    languages: ['js'],
    accepts: (_f, text) => /\.Provider\b/.test(text),
    extract(file) {
      const out: ClientDecl[] = [];
      for (const p of file.js!.providers ?? []) out.push({ file: file.ref.path, fn: p.fn, span: p.span, anchor: p.span, callee: p.context, args: [p.value], setting: true });
      return out;
    },
    resolve: () => null,
    setting(decl, ctx) {
      const key = contextKey(ctx.value(decl.callee, decl));
      if (key === null) return null;
      const value = ctx.value(decl.args[0]!, decl);
      return { key, value, scope: 'client', mode: 'same', label: `${symText(decl.callee)}.Provider` };
    },
  },
});
