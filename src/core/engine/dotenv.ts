/**
 * Values of environment variables from the `.env` files a frontend's dev server reads (`.env.local`,
 * `.env.development`, `.env`, and the templates a repository ships: `.env.example`, `.env.dist`, …),
 * for env vars used as URL bases (`import.meta.env.VITE_API_HOST` → `http://localhost:8090/api`).
 * Only values that read as a URL or a path are kept. Files are read through the workspace file system.
 */
import { dirname, join } from '../path';
import type { Project } from '../project/projects';
import { readSmallText } from './smallText';
import type { RunContext } from './types';

export interface EnvValue {
  readonly value: string;
  /** The file it was read from, root-relative. */
  readonly file: string;
}

export interface EnvFiles {
  /** The value `name` has for code in `file`: from the nearest folder (its own, then up to the root) that sets it. */
  valueFor(file: string, name: string): EnvValue | null;
}

/** Files read in each folder, the ones a dev server prefers first (also read when git ignores them). */
const PREFERRED = ['.env.development.local', '.env.local', '.env.development', '.env'];
/** Other `.env.*` files listed in the folder come after these, the production and test ones last. */
const TEMPLATES = ['.env.example', '.env.dist', '.env.sample', '.env.template', '.env.defaults'];
const LATE = /^\.env\.(production|prod|test|ci)/;

export const NO_ENV_FILES: EnvFiles = { valueFor: () => null };

export async function loadEnvFiles(ctx: RunContext, files: readonly string[], projects: readonly Project[]): Promise<EnvFiles> {
  const listed = new Map<string, string[]>();
  for (const f of files) {
    const base = f.slice(f.lastIndexOf('/') + 1);
    if (!base.startsWith('.env')) continue;
    const dir = f.includes('/') ? dirname(f) : '.';
    listed.set(dir, [...(listed.get(dir) ?? []), base]);
  }
  const dirs = new Set<string>(['.', ...projects.map((p) => p.root), ...listed.keys()]);
  const byDir = new Map<string, Map<string, EnvValue>>();
  for (const dir of dirs) {
    // Templates too are read unlisted: a `.env.*` ignore pattern hides a committed `.env.example` from the listing.
    const names = [...new Set([...PREFERRED, ...TEMPLATES, ...(listed.get(dir) ?? []).sort((a, b) => Number(LATE.test(a)) - Number(LATE.test(b)) || a.localeCompare(b))])];
    const values = new Map<string, EnvValue>();
    for (const name of names) {
      const path = dir === '.' ? name : join(dir, name);
      const text = await readSmallText(ctx, path, 256 * 1024);
      if (text === null) continue;
      for (const [k, v] of parseDotenv(text)) if (!values.has(k) && looksLikeUrl(v)) values.set(k, { value: v, file: path });
    }
    if (values.size) byDir.set(dir, values);
  }
  if (byDir.size === 0) return NO_ENV_FILES;
  return {
    valueFor(file, name) {
      for (let d = file.includes('/') ? dirname(file) : '.'; ; d = dirname(d)) {
        const hit = byDir.get(d)?.get(name);
        if (hit) return hit;
        if (d === '.' || d === '') return null;
      }
    },
  };
}

/** `KEY=value` lines (`export KEY=…`, quoted values, `#` comments); later lines do not override earlier ones here. */
export function parseDotenv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][\w.]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2]!.trim();
    const q = v[0];
    if ((q === '"' || q === "'" || q === '`') && v.indexOf(q, 1) > 0) v = v.slice(1, v.indexOf(q, 1));
    else v = v.replace(/\s+#.*$/, '');
    if (!out.has(m[1]!)) out.set(m[1]!, v);
  }
  return out;
}

/** A value usable as a URL base: absolute (`http://…`, `//…`) or a path (`/api`), with nothing left to expand. */
function looksLikeUrl(v: string): boolean {
  return /^(https?:\/\/|wss?:\/\/|\/)/i.test(v) && !/[${}\s]/.test(v);
}
