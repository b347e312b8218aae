/**
 * Which documents the extension hands to the server, declared once for the client's document selector,
 * its language status item and its file watcher. `test/core/architecture.test.ts` checks the
 * extensions against the core's language registry (every pack's extensions).
 */

/** Every source extension a language pack reads (without the dot). */
export const SOURCE_EXTENSIONS = ['py', 'js', 'jsx', 'ts', 'tsx', 'mjs', 'cjs', 'mts', 'cts', 'html', 'htm', 'vue', 'svelte', 'astro', 'hbs', 'handlebars', 'mustache', 'ejs', 'jinja', 'jinja2', 'j2', 'njk', 'twig', 'liquid', 'tmpl', 'gohtml', 'pug', 'rs', 'go'] as const;

export const SOURCE_GLOB = `**/*.{${SOURCE_EXTENSIONS.join(',')}}`;
export const MANIFEST_GLOB = '**/{package.json,requirements*.txt,pyproject.toml,Pipfile,setup.py,Cargo.toml,go.mod,tsconfig.json,jsconfig.json,.gitignore,api-parity.config.json}';
/** `.env` files and what may be an API document (the server keeps those `docKind` names). */
export const DOCS_ENV_GLOB = '**/{.env,.env.*,*.md,*.txt,*.json,*.yaml,*.yml}';

/**
 * Document filters: by file pattern rather than language id, so files open in a language no installed
 * extension provides (`.vue`, `.svelte`, `.astro` without their extensions) still get lenses.
 */
export const DOCUMENT_FILTERS: ReadonlyArray<{ readonly scheme: 'file'; readonly pattern: string }> = [
  { scheme: 'file', pattern: SOURCE_GLOB },
  { scheme: 'file', pattern: '**/api-parity.config.json' },
];
