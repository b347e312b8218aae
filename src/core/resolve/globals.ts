/**
 * The shared global scope of classic browser scripts: a script without imports or exports (a `.js`
 * file, or an HTML page's inline scripts) sees the top-level bindings of the other classic scripts its
 * page loads. A page's scope is its `<script src>` list (resolved against the page's folder and, for
 * root-relative paths, each folder above it: the static root is not known). A script file's scope is
 * the classic scripts of its own folder, which are most often loaded together.
 */
import { scriptSrcSpecifiers } from '../path';
import type { ModuleFacts } from './sym';

export interface GlobalScopeHost {
  module(file: string): ModuleFacts | undefined;
  resolveImport(fromFile: string, specifier: string): string | null;
}

/** Is the module a classic browser script (no module syntax, no `require`)? */
export function isClassicScript(mod: ModuleFacts): boolean {
  if (!/\.(?:js|html?)$/i.test(mod.file)) return false;
  return Object.keys(mod.imports).length === 0 && mod.reexports.length === 0 && mod.deps.length === 0 && Object.keys(mod.exports ?? {}).length === 0;
}

export class GlobalScopes {
  private readonly scopes = new Map<string, readonly string[]>();
  private readonly found = new Map<string, string | null>();

  constructor(
    private readonly host: GlobalScopeHost,
    /** The workspace files directly in a folder (root-relative, `.` for the root). */
    private readonly filesIn: (dir: string) => readonly string[],
  ) {}

  /** The classic script in `file`'s scope that defines `name` at top level (the last one loaded wins). */
  owner(file: string, name: string): string | null {
    const key = `${file}\0${name}`;
    const hit = this.found.get(key);
    if (hit !== undefined) return hit;
    let owner: string | null = null;
    const mod = this.host.module(file);
    if (mod && isClassicScript(mod)) {
      for (const f of this.scopeOf(mod)) {
        if (f === file) continue;
        const m = this.host.module(f);
        if (m && isClassicScript(m) && m.bindings[name] !== undefined) owner = f;
      }
    }
    this.found.set(key, owner);
    return owner;
  }

  private scopeOf(mod: ModuleFacts): readonly string[] {
    let scope = this.scopes.get(mod.file);
    if (!scope) {
      // A page sees what it loads (nothing when it loads no script); a script file, its folder's scripts.
      const page = /\.html?$/i.test(mod.file);
      scope = page ? (mod.scripts ?? []).flatMap((src) => this.scriptFile(mod.file, src) ?? []) : this.filesIn(dirOf(mod.file)).filter((f) => /\.js$/i.test(f));
      this.scopes.set(mod.file, scope);
    }
    return scope;
  }

  /** The file a page's `<script src>` names: relative to the page, or root-relative from a folder above it. */
  private scriptFile(page: string, src: string): string | null {
    if (!/\.js$/i.test(src.split(/[?#]/)[0]!)) return null;
    for (const spec of scriptSrcSpecifiers(page, src)) {
      const hit = this.host.resolveImport(page, spec);
      if (hit) return hit;
    }
    return null;
  }
}

function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '.' : file.slice(0, i);
}
