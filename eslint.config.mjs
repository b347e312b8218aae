// Lint: typescript-eslint's recommended rules plus the layering rules of CONTRIBUTING.md
// (also enforced by test/core/architecture.test.ts). Fixtures and examples are deliberately odd code.
import tseslint from 'typescript-eslint';

const restrict = (paths, patterns = []) => ({
  'no-restricted-imports': ['error', { paths: paths.map((name) => ({ name, message: 'Layering: see CONTRIBUTING.md § Architecture invariants.' })), patterns }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**', 'test/cli/fixtures/**', 'examples/**', '.vscode-test/**', 'test-results/**', '**/*.vsix'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict(['vscode', 'vscode-languageserver', 'vscode-languageserver/node', 'vscode-languageclient', 'vscode-languageclient/node', 'vscode-languageserver-protocol'], [
      { group: ['**/server/**', '**/client/**', '**/cli/**'], message: 'The core knows nothing of its front ends.' },
    ]),
  },
  {
    files: ['src/core/extractors/**/*.ts'],
    rules: restrict(['node:fs', 'fs', 'node:path', 'path', 'fast-glob', 'node:child_process'], [{ group: ['**/fs'], message: 'Extractors do no file I/O: they receive parsed files.' }]),
  },
  { files: ['src/cli/**/*.ts'], rules: restrict(['vscode', 'vscode-languageserver', 'vscode-languageserver/node', 'vscode-languageclient', 'vscode-languageclient/node']) },
  { files: ['src/server/**/*.ts'], rules: restrict(['vscode', 'vscode-languageclient', 'vscode-languageclient/node']) },
  { files: ['src/shared/**/*.ts'], rules: restrict(['vscode', 'vscode-languageserver', 'vscode-languageserver/node', 'vscode-languageclient', 'vscode-languageclient/node']) },
  { files: ['**/*.mjs'], languageOptions: { globals: { console: 'readonly', process: 'readonly' } } },
);
