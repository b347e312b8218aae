// Bundles the three entry points to dist/ and copies the tree-sitter WASM files next to them.
// web-tree-sitter is aliased to its CommonJS build: its ESM build uses import.meta and top-level await.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, mkdtempSync, chmodSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const watch = process.argv.includes('--watch');

/**
 * The analyser build: a digest of the sources and the locked dependencies. The on-disk facts cache keys
 * its entries with it, so a cache never outlives the code that wrote it. Watch builds have none (their
 * code changes under one process): their cache is off.
 */
function buildId() {
  const h = createHash('sha256').update(version);
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(p).update('\0').update(readFileSync(p));
    }
  };
  walk('src');
  for (const f of ['package-lock.json', 'package.json']) h.update(f).update('\0').update(readFileSync(f));
  return h.digest('hex').slice(0, 32);
}

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's `main` is a UMD build esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  define: { 'process.env.API_PARITY_VERSION': JSON.stringify(version), 'process.env.API_PARITY_BUILD': watch ? 'undefined' : JSON.stringify(buildId()) },
  external: ['vscode'],
  plugins: [
    {
      // Exactly `web-tree-sitter` → its CommonJS build (the ESM one uses import.meta and top-level await).
      // `web-tree-sitter/web-tree-sitter.wasm` is only require.resolve'd from source runs, never bundled.
      name: 'web-tree-sitter-cjs',
      setup(build) {
        build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: require.resolve('web-tree-sitter') }));
        build.onResolve({ filter: /\.wasm$/ }, (args) => ({ path: args.path, external: true }));
      },
    },
    {
      name: 'problem-matcher',
      setup(build) {
        build.onEnd((result) => {
          for (const { text, location } of result.errors) console.error(`✘ [ERROR] ${text}\n    ${location?.file}:${location?.line}:${location?.column}:`);
        });
      },
    },
  ],
};

// typescript-estree (with TypeScript: 10 of the 11 MB) is a bundle of its own, `dist/estree.js`, which the
// server and the CLI require on their first JS parse (src/core/lang/js/parser.ts): compiling it costs
// more than everything else at start-up, and a run that parses no JS never needs it.
const estreeApart = {
  name: 'estree-apart',
  setup(build) {
    build.onResolve({ filter: /^@typescript-eslint\/typescript-estree$/ }, (args) => (args.kind === 'require-call' ? { path: './estree.js', external: true } : undefined));
  },
};
const analyzer = { plugins: [...common.plugins, estreeApart] };

const entries = [
  { entryPoints: ['src/client/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js', ...analyzer },
  // The executable, a small launcher: it loads the CLI bundle with a V8 code cache (src/cli/launch.ts).
  // vm.Script has no loader for import() in Node 20 but an experimental one: the bundles it loads (this
  // one and estree.js) have none.
  { entryPoints: ['src/cli/launch.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli-main.js', supported: { 'dynamic-import': false }, ...analyzer },
  { entryPoints: [require.resolve('@typescript-eslint/typescript-estree')], outfile: 'dist/estree.js', supported: { 'dynamic-import': false } },
];

/** The grammars the language packs declare (src/core/lang/registry.ts), read from a bundle of it. */
async function grammarsNeeded() {
  const dir = mkdtempSync(join(tmpdir(), 'api-parity-build-'));
  try {
    const outfile = join(dir, 'registry.cjs');
    await esbuild.build({ ...common, sourcemap: false, minify: false, plugins: [common.plugins[0]], entryPoints: ['src/core/lang/registry.ts'], outfile });
    return require(outfile).grammarsNeeded();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function copyWasm() {
  const out = 'dist/wasm';
  mkdirSync(out, { recursive: true });
  copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(out, 'web-tree-sitter.wasm'));
  const grammars = dirname(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm'));
  for (const lang of await grammarsNeeded()) copyFileSync(join(grammars, `tree-sitter-${lang}.wasm`), join(out, `tree-sitter-${lang}.wasm`));
}

if (watch) {
  const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e })));
  await copyWasm();
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] build finished, watching for changes');
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  await copyWasm();
  chmodSync('dist/cli.js', 0o755);
  if (/\bimport\(/.test(readFileSync('dist/cli-main.js', 'utf8'))) throw new Error('dist/cli-main.js calls import(), which the launcher (vm.Script) cannot load: see src/cli/codeCache.ts');
}
