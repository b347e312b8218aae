// The floors `npm run bench` compares the CLI with, each a whole process like the CLI:
//   node scripts/bench-floor.cjs read <root> <list>         stat and read every listed file
//   node scripts/bench-floor.cjs estree <root> <list>       typescript-estree (dist/estree.js) over the JS/TS files
//   node scripts/bench-floor.cjs tree-sitter <root> <list>  tree-sitter's Python grammar over the .py files
// <list> is a file with one root-relative path per line.
const { readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

const [mode, root, listFile] = process.argv.slice(2);
const files = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
const dist = join(__dirname, '..', 'dist');

async function main() {
  let n = 0;
  if (mode === 'read') {
    for (const f of files) {
      statSync(join(root, f));
      n += readFileSync(join(root, f)).length;
    }
  } else if (mode === 'estree') {
    const estree = require(join(dist, 'estree.js'));
    const options = (f) => ({ jsx: /\.(jsx|tsx|js|mjs|cjs)$/.test(f), loc: true, range: true, comment: false, tokens: false, errorOnUnknownASTType: false, allowInvalidAST: true, suppressDeprecatedPropertyWarnings: true, preserveNodeMaps: false, jsDocParsingMode: 'none' });
    for (const f of files.filter((x) => /\.(js|jsx|ts|tsx|mjs|cjs|mts|cts)$/.test(x))) {
      try {
        estree.parse(readFileSync(join(root, f), 'utf8'), options(f));
        n++;
      } catch {
        // a syntax error still costs a parse
      }
    }
  } else if (mode === 'tree-sitter') {
    const { Parser, Language } = require('web-tree-sitter');
    await Parser.init({ locateFile: () => join(dist, 'wasm', 'web-tree-sitter.wasm') });
    const parser = new Parser();
    parser.setLanguage(await Language.load(join(dist, 'wasm', 'tree-sitter-python.wasm')));
    for (const f of files.filter((x) => x.endsWith('.py'))) {
      parser.parse(readFileSync(join(root, f), 'utf8'))?.delete();
      n++;
    }
  } else throw new Error(`unknown floor ${mode}`);
  process.stdout.write(String(n));
}

void main();
