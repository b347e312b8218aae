/**
 * The workspace program the evaluator reads: modules' facts (loaded on demand), and module resolution
 * delegated to the language pack that owns the importing file (`lang/<language>/modules.ts`).
 */
import type { ModuleFacts } from './sym';
import type { Program } from './evaluate';
import type { ModuleResolver } from '../lang/types';
import { GlobalScopes } from './globals';

export interface TsConfigPaths {
  /** Folder of the tsconfig/jsconfig, root-relative. */
  readonly dir: string;
  /** `baseUrl` resolved against `dir`, or null. */
  readonly baseUrl: string | null;
  readonly paths: Readonly<Record<string, readonly string[]>>;
}

export class WorkspaceProgram implements Program {
  private readonly modules = new Map<string, ModuleFacts>();
  private readonly workspaceSpecifiers = new Map<string, Map<string, boolean>>();
  private readonly globals: GlobalScopes | null;
  readsInto: Set<string> | null = null;

  /**
   * `resolverOf` names the resolver for an importing file (null: its language has no modules);
   * `load` parses a module the first time it is asked for (the engine parses imported modules on demand);
   * `cache` holds resolved specifiers, and may be shared by programs over the same files and aliases;
   * `filesIn` lists a folder's files, for the shared scope of classic browser scripts (none without it).
   */
  constructor(
    private readonly resolverOf: (file: string) => { readonly id: string; readonly resolver: ModuleResolver } | null,
    private readonly load: (file: string) => ModuleFacts | undefined = () => undefined,
    private readonly cache = new Map<string, Map<string, string | null>>(),
    filesIn?: (dir: string) => readonly string[],
  ) {
    this.globals = filesIn ? new GlobalScopes(this, filesIn) : null;
  }

  sharedGlobal(file: string, name: string): string | null {
    return this.globals?.owner(file, name) ?? null;
  }

  setModule(facts: ModuleFacts): void {
    this.modules.set(facts.file, facts);
  }

  module(file: string): ModuleFacts | undefined {
    this.readsInto?.add(file);
    let m = this.modules.get(file);
    if (m === undefined) {
      m = this.load(file);
      if (m) this.modules.set(file, m);
    }
    return m;
  }

  resolveImport(fromFile: string, specifier: string): string | null {
    // Relative specifiers depend on the importing file; the cache is per file.
    let byFile = this.cache.get(fromFile);
    if (!byFile) {
      byFile = new Map();
      this.cache.set(fromFile, byFile);
    }
    const hit = byFile.get(specifier);
    if (hit !== undefined) return hit;
    const r = this.resolverOf(fromFile);
    const found = r ? r.resolver.resolve(fromFile, specifier) : null;
    const file = found && found !== '' ? found : null;
    byFile.set(specifier, file);
    return file;
  }

  isWorkspaceSpecifier(fromFile: string, specifier: string): boolean {
    let byFile = this.workspaceSpecifiers.get(fromFile);
    if (!byFile) {
      byFile = new Map();
      this.workspaceSpecifiers.set(fromFile, byFile);
    }
    let v = byFile.get(specifier);
    if (v === undefined) {
      v = this.resolverOf(fromFile)?.resolver.isWorkspaceSpecifier(fromFile, specifier) ?? false;
      byFile.set(specifier, v);
    }
    return v;
  }

  submoduleSpec(fromFile: string, specifier: string, name: string): string | null {
    return this.resolverOf(fromFile)?.resolver.submodule?.(specifier, name) ?? null;
  }
}
