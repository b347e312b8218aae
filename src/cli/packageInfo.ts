/**
 * The CLI's own package.json, read at run time: `../package.json` from the bundle (`dist/cli.js`),
 * `../../package.json` from the sources (`src/cli/*.ts`, under vitest or tsx).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PackageInfo {
  readonly name: string;
  readonly version: string;
  /** Where to learn about the tool (homepage, else repository), when package.json names one. */
  readonly homepage: string | null;
}

let cached: PackageInfo | null = null;

export function packageInfo(): PackageInfo {
  cached ??= readPackageInfo();
  return cached;
}

function readPackageInfo(): PackageInfo {
  for (const candidate of [join(__dirname, '..', 'package.json'), join(__dirname, '..', '..', 'package.json')]) {
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(readFileSync(candidate, 'utf8')) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (json['name'] !== 'api-parity' || typeof json['version'] !== 'string') continue;
    return { name: 'api-parity', version: json['version'], homepage: homepageOf(json) };
  }
  return { name: 'api-parity', version: '0.0.0-unknown', homepage: homepageOf({}) };
}

function homepageOf(json: Record<string, unknown>): string | null {
  if (typeof json['homepage'] === 'string' && /^https?:\/\//.test(json['homepage'])) return json['homepage'];
  const repo = json['repository'];
  const repoUrl = typeof repo === 'string' ? repo : repo && typeof repo === 'object' ? (repo as Record<string, unknown>)['url'] : undefined;
  if (typeof repoUrl === 'string' && /^(git\+)?https?:\/\//.test(repoUrl)) return repoUrl.replace(/^git\+/, '').replace(/\.git$/, '');
  return null;
}
