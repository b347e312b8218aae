/**
 * The "scaffold a proxy route" quick fix: for a backend endpoint no frontend calls, write the Next.js App
 * Router handler that forwards to it (`app/api/<path>/route.ts`), reusing the project's own base-URL
 * constant or env var. Pure: the caller says what exists; the plan never overwrites a file — an existing
 * route file gets the missing method appended instead.
 */
import type { FixWorkspace as Analyzer } from './types';
import type { Endpoint } from '../types';
import type { Sym } from '../resolve/sym';
import { dirname, isInside, join, normalize, relativeTo } from '../path';
import { hasDependency, type Project } from '../project/projects';
import type { TsConfigPaths } from '../resolve/modules';
import { parseRoutePath } from '../match/path';
import { commentText, isEnvName, isPlainIdentifier, jsString, templateChunk, unsafeSegmentReason } from './codeText';

export interface ScaffoldPlan {
  /** Root-relative path of the route file. */
  readonly file: string;
  /** True when the file exists and the handler is appended to it. */
  readonly exists: boolean;
  /** For a new file: its whole text. For an existing one: the text appended at its end. */
  readonly text: string;
  /** For an existing file: an import line to insert after its last import (0-based line), if needed. */
  readonly importInsert: { readonly line: number; readonly text: string } | null;
  /** What the fix does, for the code action's title. */
  readonly title: string;
}

export interface NextApp {
  readonly project: Project;
  /** Root-relative folder of the App Router (`web/app`, `web/src/app`). */
  readonly appDir: string;
  readonly typescript: boolean;
}

/** Next.js App Router apps in the workspace. */
export function findNextApps(analyzer: Analyzer): NextApp[] {
  const layout = analyzer.layout();
  if (!layout) return [];
  const apps: NextApp[] = [];
  for (const p of layout.projects) {
    if (!hasDependency(p, 'next')) continue;
    const prefix = p.root === '.' ? '' : `${p.root}/`;
    let appDir: string | null = null;
    for (const cand of [`${prefix}src/app/`, `${prefix}app/`]) {
      for (const f of layout.files) {
        if (f.startsWith(cand)) {
          appDir = cand.slice(0, -1);
          break;
        }
      }
      if (appDir) break;
    }
    if (!appDir) continue;
    const typescript = layout.files.has(`${prefix}tsconfig.json`) || [...layout.files].some((f) => f.startsWith(appDir + '/') && /\.tsx?$/.test(f));
    apps.push({ project: p, appDir, typescript });
  }
  return apps;
}

interface BaseUrl {
  /** Expression text to put in front of the path. */
  readonly expr: string;
  /** Import line needed for it, or a declaration line when it is defined locally. */
  readonly importLine: string | null;
  readonly declaration: string | null;
  /** A name whose presence in a file means the import is already there. */
  readonly marker: string;
  /** Path the base already ends with (`/api/v1` in `http://localhost:8000/api/v1`), stripped from the route. */
  readonly basePath: string;
}

const BASE_NAME_RE = /(api|backend|server|service)_?(base)?_?(url|origin|root|host)|^base_?url$|^api$/i;

/** The project's own base-URL constant (exported, env-based), or an env var its calls use. */
export function findBaseUrl(analyzer: Analyzer, app: NextApp, routeFile: string, endpointPath: string, envNames: readonly string[], defaultOrigin: string): BaseUrl {
  const layout = analyzer.layout();
  let best: { file: string; name: string; score: number; basePath: string } | null = null;
  for (const mod of analyzer.modulesUnder(app.project.root)) {
    if (mod.language !== 'js' || !mod.exports) continue;
    for (const [exported, local] of Object.entries(mod.exports)) {
      const sym = mod.bindings[local];
      if (!sym || exported === 'default' || !isPlainIdentifier(exported)) continue;
      const kind = baseKind(sym);
      if (!kind) continue;
      // A base that already ends with a path (`…/api/v1`) only suits routes under that path.
      const basePath = literalBasePath(sym);
      if (basePath && !(endpointPath === basePath || endpointPath.startsWith(basePath + '/'))) continue;
      const score = (kind === 'env' ? 2 : 1) + (BASE_NAME_RE.test(exported) ? 2 : 0) + (/server/.test(mod.file) ? 0.5 : 0);
      if (!best || score > best.score) best = { file: mod.file, name: exported, score, basePath };
    }
  }
  if (best && layout) {
    const spec = importSpecifier(routeFile, best.file, layout.tsconfigs, app.project.root);
    return { expr: best.name, importLine: `import { ${best.name} } from ${jsString(spec)};`, declaration: null, marker: best.name, basePath: best.basePath };
  }
  const env = envNames.find(isEnvName) ?? 'API_BASE_URL';
  return {
    expr: 'BACKEND_URL',
    importLine: null,
    declaration: `const BACKEND_URL = process.env.${env} ?? ${jsString(defaultOrigin)};`,
    marker: 'BACKEND_URL',
    basePath: '',
  };
}

/** The path part of a base URL's literal default (`http://localhost:8000/api/v1` → `/api/v1`). */
function literalBasePath(sym: Sym): string {
  const lit = (s: Sym): string | null => (s.k === 'str' ? s.v : s.k === 'fallback' ? (s.options.map(lit).find((x) => x !== null) ?? null) : null);
  const text = lit(sym);
  const m = text ? /^https?:\/\/[^/]+(\/.*)?$/.exec(text) : null;
  return m?.[1] ? m[1].replace(/\/+$/, '') : '';
}

function baseKind(sym: Sym): 'env' | 'literal' | null {
  switch (sym.k) {
    case 'env':
      return 'env';
    case 'fallback':
      return sym.options.some((o) => baseKind(o) === 'env') ? 'env' : null;
    case 'concat':
      return sym.parts[0] ? baseKind(sym.parts[0]) : null;
    case 'str':
      return /^https?:\/\//.test(sym.v) ? 'literal' : null;
    default:
      return null;
  }
}

/** `@/lib/server/config` when a tsconfig alias covers the target, else a relative path. */
function importSpecifier(fromFile: string, target: string, tsconfigs: ReadonlyMap<string, TsConfigPaths>, projectRoot: string): string {
  const noExt = target.replace(/\.(tsx?|jsx?|mjs|cjs|mts|cts)$/, '').replace(/\/index$/, '');
  for (let d = dirname(fromFile); ; d = dirname(d)) {
    const cfg = tsconfigs.get(d);
    if (cfg) {
      for (const [pattern, targets] of Object.entries(cfg.paths)) {
        const star = pattern.indexOf('*');
        if (star < 0) continue;
        for (const t of targets) {
          const base = join(cfg.baseUrl ?? cfg.dir, t.slice(0, t.indexOf('*')));
          const baseDir = base.replace(/\/$/, '');
          if (isInside(noExt, baseDir)) return pattern.slice(0, star) + relativeTo(baseDir, noExt) + pattern.slice(star + 1);
        }
      }
      break;
    }
    if (d === '.' || d === '' || !isInside(d, projectRoot)) break;
  }
  let rel = relativeTo(dirname(fromFile), noExt);
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return rel;
}

/**
 * Why a route path cannot become a proxy route file, or null: a raw segment that is empty, `.`, `..` or
 * holds a backslash (a folder outside `app/api`), a literal with characters a URL path cannot hold (code
 * injection into the generated handler), or a parameter name that is not a plain identifier.
 */
export function unsafeRoutePath(path: string): string | null {
  const raw = path.replace(/[?#].*$/s, '');
  if (!raw.startsWith('/')) return 'the path does not start with `/`';
  const segments = raw.slice(1).replace(/\/$/, '').split('/');
  if (segments.length === 1 && segments[0] === '') return null;
  for (const seg of segments) {
    if (seg === '' || seg === '.' || seg === '..' || seg.includes('\\')) return unsafeSegmentReason(seg);
  }
  for (const seg of parseRoutePath(raw).segments) {
    if (seg.t !== 'seg') {
      if (!isPlainIdentifier(camel(seg.name))) return `a parameter name that is not an identifier (${JSON.stringify(seg.name)})`;
      continue;
    }
    for (const piece of seg.pieces) {
      const why = 'lit' in piece ? (piece.lit === '.' || piece.lit === '..' ? null : unsafeSegmentReason(piece.lit)) : isPlainIdentifier(camel(piece.param || 'param')) ? null : `a parameter name that is not an identifier (${JSON.stringify(piece.param)})`;
      if (why) return why;
    }
  }
  return null;
}

/** `/api/v1/users/{user_id}/items` → `users/[userId]/items` (API and version prefixes dropped). */
export function proxyFolder(path: string): { folder: string; params: string[] } {
  const t = parseRoutePath(path);
  const segs = [...t.segments];
  while (segs.length && segs[0]!.t === 'seg' && segs[0]!.pieces.length === 1 && 'lit' in segs[0]!.pieces[0]! && /^(api|v\d+)$/i.test(segs[0]!.pieces[0].lit)) segs.shift();
  const params: string[] = [];
  const parts = segs.map((s) => {
    if (s.t === 'splat') {
      const n = camel(s.name);
      params.push(n);
      return s.optional ? `[[...${n}]]` : `[...${n}]`;
    }
    if (s.t === 'opt') {
      const n = camel(s.name);
      params.push(n);
      return `[[...${n}]]`;
    }
    return s.pieces
      .map((p) => {
        if ('lit' in p) return p.lit;
        const n = camel(p.param || 'param');
        params.push(n);
        return `[${n}]`;
      })
      .join('');
  });
  return { folder: parts.join('/'), params };
}

function camel(s: string): string {
  const c = s.replace(/[-_]+([a-zA-Z0-9])/g, (_, ch: string) => ch.toUpperCase());
  return /^[A-Za-z_$]/.test(c) ? c : `p${c}`;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const NEXT_REQUEST_IMPORT = "import type { NextRequest } from 'next/server';";
/** The methods a Next.js route handler can export. */
const ROUTE_HANDLER_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE']);

export interface ScaffoldInput {
  readonly analyzer: Analyzer;
  readonly endpoint: Endpoint;
  readonly app: NextApp;
  /** Env vars the app's existing calls to this service use (from calls' `via`). */
  readonly envNames: readonly string[];
  /** The service's origin, for a fallback (`http://localhost:8000`). */
  readonly defaultOrigin: string;
  /** Text of a root-relative file, or null when it does not exist. */
  readFile(path: string): string | null;
}

/** The plan, or a reason why no proxy can be scaffolded. */
export function scaffoldProxyRoute(input: ScaffoldInput): ScaffoldPlan | { readonly reason: string } {
  const { endpoint, app } = input;
  const method = endpoint.method === '*' ? 'GET' : endpoint.method;
  if (endpoint.kind !== 'http') return { reason: 'only HTTP endpoints can be proxied' };
  if (!ROUTE_HANDLER_METHODS.has(method)) return { reason: `a Next.js route handler cannot export ${JSON.stringify(method)}` };
  const unsafe = unsafeRoutePath(endpoint.path);
  if (unsafe) return { reason: `the route path has ${unsafe}` };
  const { folder, params } = proxyFolder(endpoint.path);
  const ext = app.typescript ? 'ts' : 'js';
  const file = folder ? `${app.appDir}/api/${folder}/route.${ext}` : `${app.appDir}/api/route.${ext}`;
  // Belt and braces: the file must stay under the app's `api` folder whatever the path held.
  if (normalize(file) !== file || !isInside(file, `${app.appDir}/api`)) return { reason: `${file} would be outside ${app.appDir}/api` };
  const existing = input.readFile(file) ?? input.readFile(file.replace(/\.(ts|js)$/, app.typescript ? '.js' : '.ts'));
  const base = findBaseUrl(input.analyzer, app, file, endpoint.path, input.envNames, input.defaultOrigin);
  const nextMajor = majorVersion(app.project.versions['next']);
  const handler = handlerText({ method, endpoint, params, base, typescript: app.typescript, promiseParams: nextMajor === null || nextMajor >= 15 });
  const routeUrl = `/api/${folder}`.replace(/\/$/, '');
  if (existing !== null) {
    if (new RegExp(`export\\s+(?:async\\s+)?(?:function\\s+|const\\s+|let\\s+)${method}\\b|export\\s*\\{[^}]*\\bas\\s+${method}\\b|export\\s*\\{[^}]*\\b${method}\\b`).test(existing)) {
      return { reason: `${file} already exports ${method}` };
    }
    const lines = existing.split('\n');
    let lastImport = -1;
    lines.forEach((l, i) => {
      if (/^\s*import\s/.test(l)) lastImport = i;
    });
    // The appended handler must compile in the file it joins: add what it uses and the file lacks.
    const needsBase = !new RegExp(`\\b${base.marker}\\b`).test(existing);
    const needsType = app.typescript && !/\bNextRequest\b/.test(existing);
    const needsHelper = !/\bforwardHeaders\b/.test(existing);
    const importText = [needsType ? NEXT_REQUEST_IMPORT : null, needsBase ? (base.importLine ?? base.declaration) : null].filter((l): l is string => l !== null);
    return {
      file,
      exists: true,
      text: `${existing.endsWith('\n') ? '' : '\n'}\n${needsHelper ? `${helperText(app.typescript)}\n` : ''}${handler}`,
      importInsert: importText.length ? { line: lastImport + 1, text: `${importText.join('\n')}\n` } : null,
      title: `Add ${method} to the proxy route ${routeUrl} (${file})`,
    };
  }
  const header = [
    app.typescript ? NEXT_REQUEST_IMPORT : null,
    base.importLine,
    '',
    base.declaration,
    base.declaration ? '' : null,
  ].filter((l): l is string => l !== null);
  const text = `${header.join('\n').replace(/\n{3,}/g, '\n\n')}${header.length ? '\n' : ''}${helperText(app.typescript)}\n${handler}`;
  return { file, exists: false, text: text.replace(/^\n+/, ''), importInsert: null, title: `Scaffold proxy route ${routeUrl} (${file})` };
}

function majorVersion(range: string | undefined): number | null {
  const m = range ? /(\d+)/.exec(range) : null;
  return m ? Number(m[1]) : null;
}

function helperText(ts: boolean): string {
  const sig = ts ? '(request: NextRequest): HeadersInit' : '(request)';
  return `/** Headers passed through to the backend. */
function forwardHeaders${sig} {
  const headers${ts ? ': Record<string, string>' : ''} = { accept: request.headers.get('accept') ?? 'application/json' };
  const contentType = request.headers.get('content-type');
  const authorization = request.headers.get('authorization');
  if (contentType) headers['content-type'] = contentType;
  if (authorization) headers.authorization = authorization;
  return headers;
}
`;
}

function handlerText(o: { method: string; endpoint: Endpoint; params: string[]; base: BaseUrl; typescript: boolean; promiseParams: boolean }): string {
  const { method, endpoint, params, base, typescript } = o;
  // The backend path with each parameter replaced by the matching route segment value.
  let i = 0;
  const pathAfterBase = base.basePath ? endpoint.path.slice(base.basePath.length) || '/' : endpoint.path;
  // Literal text is escaped for the template literal it goes into; parameters become expressions.
  const backendPath = pathAfterBase
    .split(/(\{(?:\.\.\.)?[^}]+\})/)
    .map((part, k) => {
      if (k % 2 === 0) return templateChunk(part);
      const n = params[i++] ?? 'param';
      return part.startsWith('{...') ? `\${${n}.map(encodeURIComponent).join('/')}` : `\${encodeURIComponent(${n})}`;
    })
    .join('');
  const paramType = params.length ? `{ ${params.map((p) => `${p}: string${isSplat(endpoint.path, p) ? '[]' : ''}`).join('; ')} }` : '';
  const ctxParam = params.length ? (typescript ? `, context: { params: ${o.promiseParams ? `Promise<${paramType}>` : paramType} }` : ', context') : '';
  const reqParam = typescript ? 'request: NextRequest' : 'request';
  const lines = [
    `/** Proxies ${method} ${commentText(endpoint.path)} (service \`${commentText(endpoint.service)}\`). Scaffolded by API Parity. */`,
    `export async function ${method}(${reqParam}${ctxParam}) {`,
    ...(params.length ? [`  const { ${params.join(', ')} } = await context.params;`] : []),
    `  const response = await fetch(\`\${${base.expr}}${backendPath}\${request.nextUrl.search}\`, {`,
    `    method: '${method}',`,
    '    headers: forwardHeaders(request),',
    ...(BODY_METHODS.has(method) ? ['    body: await request.text(),'] : []),
    "    cache: 'no-store',",
    '  });',
    '  return new Response(response.body, { status: response.status, headers: response.headers });',
    '}',
    '',
  ];
  return lines.join('\n');
}

function isSplat(path: string, param: string): boolean {
  return proxyFolder(path).folder.includes(`...${param}]`);
}
