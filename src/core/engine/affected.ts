/**
 * Can an edit run reuse request outcomes? Each outcome records every module its resolution read
 * (see `RequestOutcome.reads`), and the evaluator reaches other modules only through imports, so an
 * outcome that read no edited file is the same again. Shared globals (classic scripts, markup pages and
 * templates) are the exception: a name defined in one is seen by others without an import, so an edit to
 * one of those reuses nothing (everything is resolved again).
 */
import { isClassicScript } from '../resolve/globals';
import type { FileStore } from './files';

/** Files whose language has modules with imports (markup pages and templates share globals instead). */
const MODULE_FILE = /\.(?:[cm]?[jt]sx?|py|rs|go)$/i;

export function editReusesOutcomes(changed: readonly string[], store: FileStore): boolean {
  for (const file of changed) {
    if (!MODULE_FILE.test(file)) return false;
    const mod = store.parsedModule(file);
    if (mod && (isClassicScript(mod) || mod.scripts)) return false;
  }
  return true;
}
