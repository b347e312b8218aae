#!/usr/bin/env node
// Scaffolds a new extractor from src/core/extractors/_template.ts and a fixture folder from
// test/fixtures/_template/. Usage: npm run new:extractor -- --kind backend|frontend --id litestar [--title Litestar]
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const get = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const kind = get('kind');
const id = get('id');
const title = get('title') ?? id;
if (!id || !/^[a-z][a-z0-9-]*$/.test(id) || (kind !== 'backend' && kind !== 'frontend')) {
  console.error('usage: npm run new:extractor -- --kind backend|frontend --id <kebab-case-id> [--title "Title"]');
  process.exit(2);
}
const file = join('src/core/extractors', kind, `${id}.ts`);
const fixture = join('test/fixtures', id, 'basic');
if (existsSync(file) || existsSync(fixture)) {
  console.error(`${file} or ${fixture} already exists; nothing was changed.`);
  process.exit(2);
}
const template = readFileSync('src/core/extractors/_template.ts', 'utf8')
  .replaceAll("from '../", "from '../../")
  .replaceAll("from './types'", "from '../types'")
  .replaceAll('__ID__', id)
  .replaceAll('__TITLE__', title)
  .replaceAll('__DEPENDENCY__', id);
writeFileSync(file, template);
mkdirSync(fixture, { recursive: true });
cpSync('test/fixtures/_template/basic', fixture, { recursive: true });
const readme = join(fixture, 'README.md');
writeFileSync(readme, readFileSync(readme, 'utf8').replaceAll('__ID__', id));
console.log(`Created ${file} and ${fixture}/.
Next:
  1. register it in src/core/extractors/registry.ts (the architecture test fails until you do);
  2. fill in detect/accepts/extract using core/lang helpers;
  3. add the fixture's manifest and source files, run npm run test:update, review expected.txt.`);
