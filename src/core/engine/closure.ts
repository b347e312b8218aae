/**
 * Pass 3, the import closure: parse the modules that parsed files import (constants, instances and
 * wrappers are often defined there), then hand every module's facts to the program the evaluator reads.
 */
import { languageOf } from '../lang/registry';
import type { WorkspaceProgram } from '../resolve/modules';
import type { FileStore } from './files';
import type { RunContext } from './types';

const MAX_CLOSURE_FILES = 5000;

export async function closeOverImports(ctx: RunContext, store: FileStore, program: WorkspaceProgram): Promise<void> {
  const seen = new Set<string>();
  let queue: string[] = [];
  for (const e of store.entries()) if (e.parsed) queue.push(e.path);
  let extra = 0;
  while (queue.length && extra < MAX_CLOSURE_FILES) {
    const next: string[] = [];
    for (const path of queue) {
      if (seen.has(path)) continue;
      seen.add(path);
      const e = store.cache.get(path);
      if (!e?.parsed) continue;
      program.setModule(e.parsed.facts.module);
      for (const spec of e.parsed.facts.module.deps) {
        const target = program.resolveImport(path, spec);
        if (!target || seen.has(target) || !languageOf(target)) continue;
        const te = store.cache.get(target) ?? (await store.load(target)) ?? undefined;
        if (te && !te.parsed && !te.skipped) {
          await store.parse(te);
          extra++;
        }
        if (te?.parsed) next.push(target);
      }
    }
    queue = next;
    ctx.check();
  }
  if (extra >= MAX_CLOSURE_FILES) ctx.notes.push({ level: 'warning', code: 'import-closure-limit', message: `the import closure stopped after ${MAX_CLOSURE_FILES} extra files; constants defined further away were not evaluated` });
  for (const e of store.entries()) if (e.parsed) program.setModule(e.parsed.facts.module);
}
