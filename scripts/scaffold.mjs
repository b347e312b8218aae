#!/usr/bin/env node
// Scaffolds a new plugin folder and registers it: each recipe in CONTRIBUTING.md is one of these.
//   npm run new:framework -- --language js --id litestar [--title Litestar] [--dependency litestar]
//   npm run new:rule      -- --kind payload-mismatch --title "Payload mismatches" [--subject call|endpoint]
//   npm run new:language  -- --id go --extension .go [--grammar go]
//   npm run new:relation  -- --id events [--title "Real-time events"]
// Never overwrites: an existing folder stops it with exit code 2, nothing changed. `--root DIR` works on
// another checkout (the recipes test uses a temporary copy).
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [what, ...args] = process.argv.slice(2);
const get = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = get('root') ?? process.cwd();
const at = (...p) => join(root, ...p);
const fail = (message) => {
  console.error(message);
  process.exit(2);
};
const kebab = (s, what) => (s && /^[a-z][a-z0-9-]*$/.test(s) ? s : fail(`${what} must be kebab-case (got ${JSON.stringify(s)})`));
const camel = (s) => s.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const title = (fallback) => (get('title') ?? fallback).replace(/'/g, "\\'");

/** Insert `line` into `file` right after the last line matching `after` (a registry's import block or list). */
function insertAfterLast(file, after, line) {
  const lines = readFileSync(file, 'utf8').split('\n');
  let idx = -1;
  lines.forEach((l, i) => {
    if (after.test(l)) idx = i;
  });
  if (idx < 0) fail(`could not find where to register in ${file} (${after})`);
  lines.splice(idx + 1, 0, line);
  writeFileSync(file, lines.join('\n'));
}

function framework() {
  const language = get('language');
  const LANGS = ['python', 'js', 'rust', 'go', 'ruby', 'java'];
  if (!LANGS.includes(language)) fail(`--language must be one of ${LANGS.join(', ')}`);
  const id = kebab(get('id'), '--id');
  const dir = at('src/core/frameworks', language, id);
  const fixture = at('test/fixtures', id, 'basic');
  if (existsSync(dir) || existsSync(fixture)) fail(`${dir} or ${fixture} already exists; nothing was changed.`);
  const text = readFileSync(at('src/core/frameworks/_template/index.ts'), 'utf8')
    .replaceAll("from '../../", "from '../../../")
    .replaceAll("from '../types'", "from '../../types'")
    .replaceAll('__ID__', id)
    .replaceAll('__TITLE__', title(id))
    .replaceAll('__DEPENDENCY__', get('dependency') ?? id)
    .replace("language: 'js'", `language: '${language}'`)
    .replace("languages: ['js']", `languages: ['${language === 'python' || language === 'go' ? language : 'js'}']`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.ts'), text);
  const registry = at('src/core/frameworks/registry.ts');
  insertAfterLast(registry, /^import .* from '\.\/[a-z]+\/[a-z0-9-]+';$/, `import ${camel(id)} from './${language}/${id}';`);
  insertAfterLast(registry, /^ {2}[a-zA-Z0-9]+,$/, `  ${camel(id)},`);
  mkdirSync(fixture, { recursive: true });
  cpSync(at('test/fixtures/_template/basic'), fixture, { recursive: true });
  const readme = join(fixture, 'README.md');
  writeFileSync(readme, readFileSync(readme, 'utf8').replaceAll('__ID__', id));
  return [`src/core/frameworks/${language}/${id}/index.ts (registered in src/core/frameworks/registry.ts)`, `test/fixtures/${id}/basic/`];
}

function rule() {
  const kind = kebab(get('kind'), '--kind');
  const subject = get('subject') ?? 'call';
  if (subject !== 'call' && subject !== 'endpoint') fail('--subject must be call or endpoint');
  const dir = at('src/core/rules', kind);
  if (existsSync(dir)) fail(`${dir} already exists; nothing was changed.`);
  const name = kind.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase());
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'index.ts'),
    `/** ${kind}: describe here what this rule finds, and what it never reports (and why). */
import type { GapRule } from '../types';

const rule: GapRule = {
  meta: {
    kind: '${kind}',
    title: '${title(name)}',
    name: '${name}',
    short: 'One sentence: what is wrong.',
    full: 'What is wrong, why it matters, and how to fix or silence it.',
    defaultSeverity: 'warning',
    configurable: true,
    subject: '${subject}',
  },
  check(_input) {
    // From \`_input.relations\` (or \`_input.endpoints\`), one finding per gap: its location, a message
    // built with \`label(method, path)\`, related locations, and the subject's id. None when unsure.
    return [];
  },
};
export default rule;
`,
  );
  const registry = at('src/core/rules/registry.ts');
  insertAfterLast(registry, /^import [a-zA-Z]+ from '\.\/[a-z-]+';$/, `import ${camel(kind)} from './${kind}';`);
  const text = readFileSync(registry, 'utf8').replace(/export const rules: readonly GapRule\[\] = \[([^\]]*)\];/, (_, list) => `export const rules: readonly GapRule[] = [${list}, ${camel(kind)}];`);
  writeFileSync(registry, text);
  // Derived artifacts the architecture test checks against the registry: the GapKind union and the schema.
  const types = at('src/core/types.ts');
  writeFileSync(types, readFileSync(types, 'utf8').replace(/export type GapKind = ([^;]+);/, (_, u) => `export type GapKind = ${u} | '${kind}';`));
  const schemaFile = at('schemas/api-parity.config.schema.json');
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
  schema.properties.severity.properties[kind] = { $ref: '#/definitions/severity', default: 'warning' };
  writeFileSync(schemaFile, JSON.stringify(schema, null, 2) + '\n');
  return [`src/core/rules/${kind}/index.ts (registered in src/core/rules/registry.ts; GapKind and the config schema updated)`];
}

function language() {
  const id = kebab(get('id'), '--id');
  const ext = get('extension');
  if (!ext || !/^\.[a-z0-9]+$/.test(ext)) fail('--extension must look like .go');
  const grammar = get('grammar');
  const dir = at('src/core/lang', id);
  if (existsSync(dir)) fail(`${dir} already exists; nothing was changed.`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'index.ts'),
    `/** The ${id} pack: parsing with ${grammar ? `the tree-sitter ${grammar} grammar` : 'its parser'}, facts, and module resolution. */
import type { LanguageSupport } from '../types';

const ${camel(id)}: LanguageSupport = {
  id: '${id}',
  title: '${title(id)}',
  extensions: ['${ext}'],
  // The contribution languages whose facts this pack offers: add '${id}' to \`Language\` in frameworks/types.ts.
  offers: [],
  grammars: [${grammar ? `'${grammar}'` : ''}],
  parse(path) {
    // Build facts in one walk of the tree (see lang/python/facts.ts): module bindings and imports for the
    // evaluator, and the per-language facts framework contributions read.
    return { module: { file: path, language: '${id}', bindings: {}, imports: {}, functions: {}, classes: {}, exports: null, reexports: [], deps: [] }, notes: [] };
  },
};
export default ${camel(id)};
`,
  );
  const registry = at('src/core/lang/registry.ts');
  insertAfterLast(registry, /^import [a-zA-Z]+ from '\.\/[a-z-]+';$/, `import ${camel(id)} from './${id}';`);
  writeFileSync(registry, readFileSync(registry, 'utf8').replace(/export const languages: readonly LanguageSupport\[\] = \[([^\]]*)\];/, (_, list) => `export const languages: readonly LanguageSupport[] = [${list}, ${camel(id)}];`));
  const docs = at('src/shared/documents.ts');
  writeFileSync(docs, readFileSync(docs, 'utf8').replace(/export const SOURCE_EXTENSIONS = \[([^\]]*)\] as const;/, (_, list) => `export const SOURCE_EXTENSIONS = [${list}, '${ext.slice(1)}'] as const;`));
  return [`src/core/lang/${id}/index.ts (registered in src/core/lang/registry.ts; src/shared/documents.ts updated)`];
}

function relation() {
  const id = kebab(get('id'), '--id');
  const dir = at('src/core/relations', id);
  if (existsSync(dir)) fail(`${dir} already exists; nothing was changed.`);
  const type = `${id.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase())}Relation`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'index.ts'),
    `/** The ${id} relation: pairs … with … (describe both sides and what a pair is). */
import type { Relation } from '../types';

export interface ${type} {
  /** The pairs this relation found; rules read them as \`input.relations['${id}']\`. */
  readonly pairs: readonly unknown[];
}

declare module '../types' {
  interface RelationOutputs {
    '${id}': ${type};
  }
}

const relation: Relation<'${id}'> = {
  id: '${id}',
  title: '${title(id)}',
  relate() {
    // Read the declarations of every file (input.store.entries(), e.parsed?.decls.events …) and pair them.
    return { output: { pairs: [] }, state: undefined };
  },
};
export default relation;
`,
  );
  const registry = at('src/core/relations/registry.ts');
  insertAfterLast(registry, /^import [a-zA-Z]+ from '\.\/[a-z-]+';$/, `import ${camel(id)} from './${id}';`);
  writeFileSync(registry, readFileSync(registry, 'utf8').replace(/export const relations: readonly Relation\[\] = \[([^\]]*)\];/, (_, list) => `export const relations: readonly Relation[] = [${list}, ${camel(id)} as Relation];`));
  return [`src/core/relations/${id}/index.ts (registered in src/core/relations/registry.ts)`];
}

const table = { framework, rule, language, relation };
if (!table[what]) fail('usage: node scripts/scaffold.mjs framework|rule|language|relation --… (see the header of this file)');
const made = table[what]();
console.log(`Created:\n${made.map((m) => `  ${m}`).join('\n')}\nNext: follow the recipe in CONTRIBUTING.md ("Add a ${what}"), then npm test.`);
