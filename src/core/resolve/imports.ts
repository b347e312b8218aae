/**
 * Values that cross module boundaries: imported names (with Python submodules), exported names
 * (following re-exports), and `require('x')` / `import('x')` calls.
 */
import { memberOf } from './members';
import type { EvalHost, Program, Value } from './value';

/** The value of `name` imported from `specifier` in `fromFile`. */
export function importedValue(ev: EvalHost, fromFile: string, specifier: string, name: string): Value {
  const program = ev.program;
  const target = program.resolveImport(fromFile, specifier);
  if (target === null) return unresolvedImport(program, fromFile, specifier, name);
  if (name === '*') return { t: 'module', file: target, spec: specifier, from: fromFile };
  const subSpec = program.submoduleSpec(fromFile, specifier, name);
  if (target === fromFile && subSpec !== null) {
    // `from . import admin` inside a package's __init__: a submodule, not the package importing itself.
    const sub = program.resolveImport(fromFile, subSpec);
    if (sub !== null && sub !== target) return { t: 'module', file: sub, spec: subSpec, from: fromFile };
  }
  const v = ev.exported(target, name, new Set());
  if (v) return v;
  const mod = program.module(target);
  if (subSpec !== null) {
    // `from app.api.routes import users`: users may be a submodule.
    const sub = program.resolveImport(fromFile, subSpec);
    if (sub !== null && sub !== target) return { t: 'module', file: sub, spec: subSpec, from: fromFile };
  }
  if (name === 'default' && mod) return { t: 'module', file: target, spec: specifier, from: fromFile };
  return { t: 'unknown', text: name, why: `\`${name}\` is not exported by ${target}` };
}

/** An import whose module is not a workspace file: a package export, a submodule, or not found. */
function unresolvedImport(program: Program, fromFile: string, specifier: string, name: string): Value {
  if (program.isWorkspaceSpecifier(fromFile, specifier)) {
    // `from pkg import submodule` where pkg has no __init__ we indexed.
    const subSpec = program.submoduleSpec(fromFile, specifier, name);
    const sub = subSpec === null ? null : program.resolveImport(fromFile, subSpec);
    if (sub !== null) return { t: 'module', file: sub, spec: subSpec!, from: fromFile };
    return { t: 'unknown', text: `${specifier}:${name}`, why: `module \`${specifier}\` was not found in the workspace` };
  }
  return { t: 'ext', path: name === 'default' || name === '*' ? specifier : `${specifier}.${name}` };
}

/**
 * An exported name of `file`, following re-exports; `seen` holds the modules already searched. A name
 * the module does not declare may still be a property of its whole value (CommonJS).
 */
export function exportedValue(ev: EvalHost, file: string, name: string, seen: Set<string>): Value | null {
  const mod = ev.program.module(file);
  if (!mod) return null;
  const v = declaredExport(ev, file, name, seen);
  if (v || name === 'default' || mod.exports === null) return v;
  return propertyOfDefault(ev, file, name, seen);
}

/** An export the module declares: a local binding or import, or a name it re-exports. */
function declaredExport(ev: EvalHost, file: string, name: string, seen: Set<string>): Value | null {
  const mod = ev.program.module(file)!;
  const local = mod.exports === null ? name : mod.exports[name];
  if (local !== undefined) {
    if (mod.bindings[local] !== undefined || mod.imports[local]) return ev.topLevel(file, local);
  }
  for (const re of mod.reexports) {
    if (re.names === null) {
      if (name === 'default') continue;
      const target = ev.program.resolveImport(file, re.specifier);
      if (target === null) continue;
      const v = ev.exported(target, name, seen);
      if (v) return v;
    } else if (re.names[name] !== undefined) {
      return importedValue(ev, file, re.specifier, re.names[name]!);
    }
  }
  return null;
}

/**
 * CommonJS: the names of `module.exports = { a, b }` are that object's properties, and those of
 * `module.exports = require('./x')` (or of a required module assigned by name) are x's exports.
 */
function propertyOfDefault(ev: EvalHost, file: string, name: string, seen: Set<string>): Value | null {
  const def = declaredExport(ev, file, 'default', seen);
  if (def?.t === 'module') return def.file === null ? null : ev.exported(def.file, name, seen);
  if (def?.t !== 'obj') return null;
  const v = memberOf(ev, def, name);
  return v.t === 'unknown' && v.absent ? null : v;
}

/**
 * What a module stands for when it is used whole (`app.use(require('./routes'))`): its default export,
 * followed through modules whose default is another module (`module.exports = require('./routes')`);
 * the module itself when it has no default export.
 */
export function wholeModule(ev: EvalHost, v: Value): Value {
  const seen = new Set<string>();
  while (v.t === 'module' && v.file !== null && !seen.has(v.file)) {
    seen.add(v.file);
    const d = ev.exported(v.file, 'default', new Set());
    if (!d) break;
    v = d;
  }
  return v;
}

/** The module `require(spec)` or `import(spec)` in `fromFile` loads. */
export function requiredModule(program: Program, fromFile: string, spec: string): Value {
  const target = program.resolveImport(fromFile, spec);
  if (target !== null) return { t: 'module', file: target, spec, from: fromFile };
  if (program.isWorkspaceSpecifier(fromFile, spec)) return { t: 'unknown', text: spec, why: `module \`${spec}\` was not found` };
  return { t: 'ext', path: spec };
}
