/**
 * Can an edit run reuse request outcomes? Each outcome records every module its resolution read
 * (see `RequestOutcome.reads`), and the evaluator reaches other modules only through imports, so an
 * outcome that read no edited file is the same again. Shared globals (classic scripts, markup pages and
 * templates) are the exception: a name defined in one is seen by others without an import, so an edit to
 * one of those reuses nothing (everything is resolved again), and so does an edit to a file that names a
 * client on every component (`Vue.prototype.$http = …`).
 */
import { isClassicScript } from '../resolve/globals';
import type { FileStore } from './files';

/** Files whose language has modules with imports (markup pages and templates share globals instead). */
const MODULE_FILE = /\.(?:[cm]?[jt]sx?|py|rs|go)$/i;

export function editReusesOutcomes(changed: readonly string[], store: FileStore): boolean {
  for (const file of changed) {
    if (!MODULE_FILE.test(file)) return false;
    const parsed = store.cache.get(file)?.parsed;
    if (parsed && (isClassicScript(parsed.module) || parsed.module.scripts)) return false;
    // A file that gives a client a name on every component (`Vue.prototype.$http = …`) reaches files that never import it.
    if (Object.values(parsed?.decls.requests ?? {}).some((list) => list.some((d) => d.global !== undefined))) return false;
  }
  return true;
}
