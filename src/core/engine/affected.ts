/**
 * Which files an edit can have changed the requests of: the edited files and every file that imports one
 * of them, directly or through others. A request's outcome depends only on the modules its evaluation
 * reads, and the evaluator reaches other modules only through imports; shared globals (classic scripts,
 * markup pages) are the exception, so an edit to one of those gives no answer (everything is resolved
 * again). Only parsed modules are followed: a module never parsed was never read.
 */
import type { WorkspaceProgram } from '../resolve/modules';
import { isClassicScript } from '../resolve/globals';
import type { FileStore } from './files';

/** Files whose language has modules with imports (markup pages and templates share globals instead). */
const MODULE_FILE = /\.(?:[cm]?[jt]sx?|py|rs|go)$/i;

export function affectedByEdit(changed: readonly string[], store: FileStore, program: WorkspaceProgram): ((file: string) => boolean) | null {
  const parsed = new Map(store.entries().flatMap((e) => (e.parsed ? [[e.path, e.parsed.module] as const] : [])));
  const entries = new Map(store.entries().map((e) => [e.path, e] as const));
  for (const file of changed) {
    if (!MODULE_FILE.test(file)) return null;
    const mod = parsed.get(file);
    if (mod && (isClassicScript(mod) || mod.scripts)) return null;
    // A file that gives a client a name on every component (`Vue.prototype.$http = …`) reaches files that never import it.
    if (Object.values(entries.get(file)?.parsed?.decls.requests ?? {}).some((list) => list.some((d) => d.global !== undefined))) return null;
  }
  const importers = new Map<string, string[]>();
  for (const mod of parsed.values()) {
    for (const spec of mod.deps) {
      const target = program.resolveImport(mod.file, spec);
      if (!target || target === mod.file) continue;
      const list = importers.get(target);
      if (list) list.push(mod.file);
      else importers.set(target, [mod.file]);
    }
  }
  const affected = new Set(changed);
  const queue = [...changed];
  while (queue.length) {
    for (const f of importers.get(queue.pop()!) ?? []) {
      if (affected.has(f)) continue;
      affected.add(f);
      queue.push(f);
    }
  }
  return (file) => affected.has(file);
}
