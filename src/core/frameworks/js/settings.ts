/**
 * Settings of JS frameworks that only their own `link` reads (NestJS `@Module({ controllers })`,
 * `app.setGlobalPrefix('api')`; Next.js `next.config.*`): what a setting is about (`owner`: a class, an
 * app) and its arguments as written, carried as a {@link ConfDecl} whose value lists the owner first.
 */
import type { Sym } from '../../resolve/sym';
import type { Span } from '../../types';
import type { BackendDecl, ConfDecl } from '../types';

export interface Setting {
  readonly file: string;
  readonly fn: string | null;
  readonly name: string;
  readonly owner: Sym | null;
  readonly args: readonly Sym[];
  readonly span: Span;
}

const NO_OWNER: Sym = { k: 'dyn', text: '' };

export function settingDecl(s: Setting): ConfDecl {
  return { t: 'conf', file: s.file, fn: s.fn, name: s.name, value: { k: 'arr', items: [s.owner ?? NO_OWNER, ...s.args] }, span: s.span, ...(s.owner ? {} : { key: 'no-owner' }) };
}

/** The settings among a framework's declarations. */
export function settingsOf(decls: readonly BackendDecl[]): Setting[] {
  const out: Setting[] = [];
  for (const d of decls) {
    if (d.t !== 'conf' || d.value.k !== 'arr') continue;
    const [owner, ...args] = d.value.items;
    out.push({ file: d.file, fn: d.fn, name: d.name, owner: d.key === 'no-owner' || !owner ? null : owner, args, span: d.span });
  }
  return out;
}
