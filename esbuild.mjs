// Bundles the three entry points to dist/ and copies the tree-sitter WASM files next to them.
// web-tree-sitter is aliased to its CommonJS build: its ESM build uses import.meta and top-level await.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter/web-tree-sitter.cjs') },
  // typescript-estree loads optional helpers lazily; they are not needed for plain parsing.
  external: ['vscode'],
  plugins: [
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

const entries = [
  { entryPoints: ['src/client/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

function copyWasm() {
  const out = 'dist/wasm';
  mkdirSync(out, { recursive: true });
  copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(out, 'web-tree-sitter.wasm'));
  const grammars = dirname(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm'));
  for (const lang of ['python']) copyFileSync(join(grammars, `tree-sitter-${lang}.wasm`), join(out, `tree-sitter-${lang}.wasm`));
}

if (watch) {
  const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e })));
  copyWasm();
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] build finished, watching for changes');
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  copyWasm();
  chmodSync('dist/cli.js', 0o755);
}
