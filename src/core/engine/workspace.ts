/**
 * Pass 1, the workspace: the file list, the projects (manifests and configured service roots) and the
 * tsconfig/jsconfig path aliases.
 */
import { parse as parseJsonc } from 'jsonc-parser';
import { join, normalize } from '../path';
import { buildProjects, isManifest, projectOf, type Project } from '../project/projects';
import type { TsConfigPaths } from '../resolve/modules';
import { decodeText } from '../text';
import type { RunContext } from './types';
import { loadEnvFiles, type EnvFiles } from './dotenv';

export interface Workspace {
  /** Every listed file, sorted. */
  readonly files: readonly string[];
  readonly fileSet: ReadonlySet<string>;
  readonly projects: readonly Project[];
  readonly tsconfigs: ReadonlyMap<string, TsConfigPaths>;
  /** Env var values from `.env` files, for URL bases. */
  readonly env: EnvFiles;
}

export async function loadWorkspace(ctx: RunContext): Promise<Workspace> {
  const { config, opts } = ctx;
  ctx.progress('listing', 0, 1);
  const onSkipped = (file: string, reason: string) => ctx.skipped.push({ file, reason });
  const files = await opts.fs.list({ include: config.include, exclude: config.exclude, respectGitignore: config.respectGitignore, onSkipped });
  ctx.check();
  const projects = await loadProjects(ctx, files);
  const tsconfigs = await loadTsconfigs(ctx, files);
  const env = await loadEnvFiles(ctx, files, projects);
  return { files, fileSet: new Set(files), projects, tsconfigs, env };
}

async function loadProjects(ctx: RunContext, files: readonly string[]): Promise<Project[]> {
  const manifests = [];
  for (const path of files.filter(isManifest)) manifests.push({ path, text: await readSmall(ctx, path) });
  const rootName = ctx.opts.root.split(/[\\/]/).filter(Boolean).pop() ?? 'workspace';
  const projects = buildProjects(manifests, rootName);
  // Configured service roots are projects too, so their files group under them.
  for (const s of ctx.config.services) {
    const root = normalize(s.root);
    if (!projects.some((p) => p.root === root)) {
      const parent = projectOf(projects, root === '.' ? 'x' : `${root}/x`);
      projects.push({ ...parent, root, name: s.name, manifests: [] });
    }
  }
  return projects;
}

type RawTsconfig = { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> }; extends?: string };

async function loadTsconfigs(ctx: RunContext, files: readonly string[]): Promise<Map<string, TsConfigPaths>> {
  const raw = new Map<string, RawTsconfig>();
  // `tsconfig.base.json` and the like are read too, as the bases a `tsconfig.json` extends.
  for (const f of files.filter((x) => /(^|\/)(tsconfig|jsconfig)(\.[\w-]+)?\.json$/.test(x))) {
    const text = await readSmall(ctx, f);
    if (text === null) continue;
    let json: unknown;
    try {
      json = parseJsonc(text) as unknown;
    } catch {
      // A tsconfig nested thousands deep overflows the parser: its aliases are not read, and it says so.
      ctx.notes.push({ level: 'warning', code: 'tsconfig-unreadable', message: 'is nested too deeply to read; its path aliases were not used', file: f });
      continue;
    }
    if (json && typeof json === 'object') raw.set(f, json as RawTsconfig);
  }
  const out = new Map<string, TsConfigPaths>();
  for (const [f, json] of raw) {
    if (!/(^|\/)(tsconfig|jsconfig)\.json$/.test(f)) continue;
    const dir = f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '.';
    out.set(dir, tsconfigPaths(dir, json, raw));
  }
  return out;
}

/** `paths`/`baseUrl` of one tsconfig, following one relative `extends` for a shared base config. */
function tsconfigPaths(dir: string, json: RawTsconfig, raw: ReadonlyMap<string, RawTsconfig>): TsConfigPaths {
  let opts = json.compilerOptions ?? {};
  let optsDir = dir;
  if ((!opts.paths || !opts.baseUrl) && typeof json.extends === 'string' && json.extends.startsWith('.')) {
    const target = normalize(join(dir, json.extends.endsWith('.json') ? json.extends : `${json.extends}.json`));
    const base = raw.get(target);
    if (base?.compilerOptions) {
      const baseDir = target.includes('/') ? target.slice(0, target.lastIndexOf('/')) : '.';
      if (!opts.paths && base.compilerOptions.paths) {
        opts = { ...opts, paths: base.compilerOptions.paths, baseUrl: opts.baseUrl ?? base.compilerOptions.baseUrl };
        optsDir = opts.baseUrl === json.compilerOptions?.baseUrl && json.compilerOptions?.baseUrl ? dir : baseDir;
      }
    }
  }
  const paths: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(opts.paths ?? {})) if (Array.isArray(v)) paths[k] = v.filter((x) => typeof x === 'string');
  const baseUrl = typeof opts.baseUrl === 'string' ? normalize(join(optsDir, opts.baseUrl)) : null;
  return { dir: optsDir, baseUrl, paths };
}

/** A small config file's text, or null (missing, too large, binary). */
async function readSmall(ctx: RunContext, path: string): Promise<string | null> {
  try {
    const st = await ctx.opts.fs.stat(path);
    if (!st || st.size > ctx.config.maxFileSize) return null;
    const d = decodeText(await ctx.opts.fs.read(path));
    return 'text' in d ? d.text : null;
  } catch {
    return null;
  }
}
