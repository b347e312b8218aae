/**
 * Route-helper callers: a project function that registers routes on or with its parameters (CTFd's
 * `register_plugin_assets_directory(app, base_path)`, which calls `app.add_url_rule` with a rule built
 * from `base_path`) gives routes at its call sites (`link/helpers.ts`). Those calls may be in files the
 * framework's gate never accepts (a plugin that imports only the helper): this pass reads, as sources
 * for the framework's routes, the files of its projects that call a helper found in its sources and
 * import it (or its module). Whether a call reaches the helper is decided in `link`, by evaluation.
 */
import { indexedFrameworks } from '../frameworks/registry';
import { languageById } from '../lang/registry';
import { helperTemplateName } from '../link/helpers';
import { fileRole } from '../project/roles';
import type { WorkspaceProgram } from '../resolve/modules';
import type { FileStore } from './files';
import type { RunContext } from './types';
import { escapeRe, mentions, patternOf } from './wrappers';

/** Helpers that call helpers: a few rounds, each reading the callers of the helpers the last one found. */
const MAX_ROUNDS = 3;

export async function parseRouteHelperCallers(ctx: RunContext, store: FileStore, program: WorkspaceProgram): Promise<number> {
  let added = 0;
  for (const fw of indexedFrameworks) {
    if (!fw.routes?.helperCallers) continue;
    const id = `routes:${fw.id}`;
    const seen = new Set<string>();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const helpers = new Map<string, string>();
      for (const e of store.sources()) {
        for (const d of e.parsed.decls.routes[fw.id] ?? []) {
          const name = helperTemplateName(d, program);
          if (name && name.length > 2 && !seen.has(name)) helpers.set(name, moduleWord(d.file));
        }
      }
      if (helpers.size === 0) break;
      for (const n of helpers.keys()) seen.add(n);
      const named = patternOf(new Set(helpers.keys()));
      const words = [...new Set([...helpers.keys(), ...helpers.values()])].map(escapeRe).join('|');
      const imports = new RegExp(`^[ \\t]*(?:from[ \\t]+[\\w.]*\\b(?:${words})\\b|(?:from[ \\t]+\\S+[ \\t]+)?import\\b[^\\n]*\\b(?:${words})\\b)`, 'm');
      let found = 0;
      for (const e of store.entries()) {
        // A test's calls register a mock app's routes, never the backend's.
        if (e.text === null || e.accepting.includes(id) || fileRole(ctx.config, e.path) === 'test') continue;
        if (!fw.routes.languages.some((l) => languageById(e.language)?.offers.includes(l))) continue;
        if (!store.detected(store.fileRef(e.path).project).includes(fw)) continue;
        if (!mentions(e, named) || !imports.test(e.text)) continue;
        if (await store.addSourceFor(e, [id])) found++;
        await ctx.pause();
      }
      added += found;
      if (found === 0) break;
    }
  }
  return added;
}

/** The last word of a module's dotted name: `plugins` for `CTFd/plugins/__init__.py`, `utils` for `app/utils.py`. */
function moduleWord(file: string): string {
  const parts = file.replace(/\.[^./]+$/, '').split('/');
  const last = parts.pop()!;
  return last === '__init__' ? (parts.pop() ?? last) : last;
}
