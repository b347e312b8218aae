/**
 * Re-analysis after edits (`changed`): the last run's file list is reused and only the named files are
 * read again; the result equals a fresh analysis of the same contents.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Analyzer, DEFAULT_CONFIG, nodeFileSystem, withOverlays, type FileSystem } from '../../src/core';

const EXAMPLE = resolve(__dirname, '../../examples/fullstack');
const AVATAR = 'frontend/src/components/UserAvatar.tsx';
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'api-parity-incremental-'));
  cpSync(EXAMPLE, root, { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A file system that counts what it is asked. */
function counting(base: FileSystem): FileSystem & { lists: number; stats: string[] } {
  const c = {
    lists: 0,
    stats: [] as string[],
    list: (o: Parameters<FileSystem['list']>[0]) => {
      c.lists++;
      return base.list(o);
    },
    stat: (p: string) => {
      c.stats.push(p);
      return base.stat(p);
    },
    read: (p: string) => base.read(p),
  };
  return c;
}

const fresh = (fs: FileSystem) => new Analyzer().analyze({ root, fs, config: DEFAULT_CONFIG });

describe('re-analysis of changed files', () => {
  it('reads only the changed file, on the last file list, and equals a fresh analysis', async () => {
    const analyzer = new Analyzer();
    await analyzer.analyze({ root, fs: nodeFileSystem(root), config: DEFAULT_CONFIG });
    const edited = readFileSync(join(root, AVATAR), 'utf8').replace('/avatar', '/photo');
    const fs = counting(withOverlays(nodeFileSystem(root), new Map([[AVATAR, edited]])));
    const result = await analyzer.analyze({ root, fs, config: DEFAULT_CONFIG, changed: [AVATAR] });
    expect(fs.lists).toBe(0);
    expect(fs.stats.filter((p) => p !== 'api-parity.config.json')).toEqual([AVATAR]);
    expect(result.calls.some((c) => c.file === AVATAR && c.path?.includes('photo'))).toBe(true);
    expect(result).toEqual(await fresh(withOverlays(nodeFileSystem(root), new Map([[AVATAR, edited]]))));
  });

  it('lists and checks everything again without `changed`, or when the configuration differs', async () => {
    const analyzer = new Analyzer();
    await analyzer.analyze({ root, fs: nodeFileSystem(root), config: DEFAULT_CONFIG });
    const extra = 'frontend/src/lib/extra.ts';
    writeFileSync(join(root, extra), "export const x = () => fetch('http://localhost:8000/api/v1/nowhere');\n");
    try {
      const fs = counting(nodeFileSystem(root));
      const result = await analyzer.analyze({ root, fs, config: DEFAULT_CONFIG });
      expect(fs.lists).toBe(1);
      expect(result.calls.some((c) => c.file === extra)).toBe(true);
      const other = counting(nodeFileSystem(root));
      await analyzer.analyze({ root, fs: other, config: { ...DEFAULT_CONFIG, maxFileSize: DEFAULT_CONFIG.maxFileSize + 1 }, changed: [] });
      expect(other.lists).toBe(1);
    } finally {
      rmSync(join(root, extra));
    }
  });
});

describe('edit runs reuse the requests an edit cannot have changed', () => {
  const FIXTURES = resolve(__dirname, '../fixtures');
  /** Edit `file` (a text replacement) after a full run: the edit run equals a fresh analysis. */
  async function editEqualsFresh(fixture: string, file: string, from: string | RegExp, to: string, changes: 'calls' | 'gaps' = 'calls'): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'api-parity-reuse-'));
    try {
      cpSync(join(FIXTURES, fixture), dir, { recursive: true });
      const analyzer = new Analyzer();
      const before = await analyzer.analyze({ root: dir, fs: nodeFileSystem(dir), config: DEFAULT_CONFIG });
      const text = readFileSync(join(dir, file), 'utf8');
      const edited = text.replace(from, to);
      expect(edited).not.toBe(text);
      const fs = withOverlays(nodeFileSystem(dir), new Map([[file, edited]]));
      const after = await analyzer.analyze({ root: dir, fs, config: DEFAULT_CONFIG, changed: [file] });
      expect(after).toEqual(await new Analyzer().analyze({ root: dir, fs, config: DEFAULT_CONFIG }));
      // The edit changed what the calls reach: the test would not notice stale reuse otherwise.
      expect(JSON.stringify(after[changes])).not.toBe(JSON.stringify(before[changes]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('a base service class edited: every subclass call that imports it is resolved again', async () => {
    await editEqualsFresh('wrappers/service-classes', 'web/src/services/api.service.ts', 'return this.axiosInstance.get(url,', 'return this.axiosInstance.get("/v2" + url,');
  });

  it('a subclass edited: its own calls change, the others are reused', async () => {
    await editEqualsFresh('wrappers/service-classes', 'web/src/services/issue.service.ts', '/issues/`).then', '/tickets/`).then');
  });

  it('a page edited to call an uncalled client method: the method is no longer reported (its file scan is not reused)', async () => {
    await editEqualsFresh('_workspaces/seed-003-api-client', 'client/src/pages/Dashboard.tsx', 'const create = () => api.createJob("a todo app");', 'const create = () => api.createJob("a todo app").then(() => api.purgeJobs());');
  });

  it('a DRF serializer edited: the view shapes that read it are read again, the others are kept', async () => {
    await editEqualsFresh('payload-reads/drf-serializers', 'api/shop/serializers.py', 'fields = ["id", "email", "full_name", "password", "date_joined"]', 'fields = ["id", "email", "full_name", "password", "date_joined", "fullName"]', 'gaps');
  });

  it('a types module edited (no requests of its own): the typed requests of the modules importing it are judged again', async () => {
    await editEqualsFresh('payload-reads/ts-response-types', 'web/src/types.ts', '  avatarUrl: string;', '  avatarUrl?: string;', 'gaps');
  });

  it('a classic script edited: its globals are shared without imports, so everything is resolved again', async () => {
    await editEqualsFresh('_workspaces/classic-scripts', 'server/static/lib/api.js', "'/admin/api'", "'/admin/apx'");
  });

  it('the file that sets axios.defaults.baseURL edited: the calls of files that never import it follow', async () => {
    await editEqualsFresh('axios/global-defaults', 'web/src/main.js', "axios.defaults.baseURL = '/api';", "axios.defaults.baseURL = '/v2';");
  });

  it('an instance base set in another module edited: the instance calls follow', async () => {
    await editEqualsFresh('axios/global-defaults', 'web/src/boot/http.js', "'/api/users'", "'/api/people'");
  });

  it('a second, different base set in a calling file: the calls become unresolved, also where reused', async () => {
    await editEqualsFresh('axios/global-defaults', 'web/src/views/items.js', 'loadItems();', "axios.defaults.baseURL = '/other';\nloadItems();");
  });

  it('the file that names a client on every Vue component edited: the components that use `this.$http` follow', async () => {
    await editEqualsFresh('axios/vue-globals', 'shop/src/main.js', "baseURL: '/api'", "baseURL: '/v3'");
  });

  it('a component project gains a global client name: its `this.$http` calls appear', async () => {
    await editEqualsFresh('axios/vue-globals', 'admin/src/main.js', "axios.defaults.baseURL = '/v3';", "axios.defaults.baseURL = '/v3';\nimport Vue from 'vue';\nVue.prototype.$http = axios.create({ baseURL: '/api' });");
  });

  it('the file with a context provider edited to give another client: the calls read through the context follow', async () => {
    await editEqualsFresh('react-context/basic', 'web/src/main.tsx', 'value={notesClient}', 'value={new NotesClient({ baseUrl: "/v2" })}');
  });

  it('the file that sets a configuration store key edited: the reads in files that never import it follow', async () => {
    await editEqualsFresh('config-store/basic', 'web/src/main.ts', 'config.set("url", "http://localhost:8000/api");', 'config.set("url", "http://localhost:8000/v2");');
  });

  it('a second setting of a store key in another file: its reads become unresolved, also where reused', async () => {
    await editEqualsFresh('config-store/basic', 'web/src/admin.ts', 'config.set("events"', 'config.set("url", "/other");\nconfig.set("events"');
  });

  it('a module the link read edited (a prefix constant, no routes of its own): the routes are linked again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-parity-relink-'));
    try {
      cpSync(join(FIXTURES, 'fastapi/include-router-prefix'), dir, { recursive: true });
      const analyzer = new Analyzer();
      const before = await analyzer.analyze({ root: dir, fs: nodeFileSystem(dir), config: DEFAULT_CONFIG });
      // An edit elsewhere first: the link is reused, and the next edit must still see the prefix module.
      const entry = 'shop/entry.py';
      const other = withOverlays(nodeFileSystem(dir), new Map([['shop/api/hub.py', `${readFileSync(join(dir, 'shop/api/hub.py'), 'utf8')}\n# a comment\n`]]));
      expect(await analyzer.analyze({ root: dir, fs: other, config: DEFAULT_CONFIG, changed: ['shop/api/hub.py'] })).toEqual(await new Analyzer().analyze({ root: dir, fs: other, config: DEFAULT_CONFIG }));
      const file = 'shop/core/settings.py';
      const fs = withOverlays(nodeFileSystem(dir), new Map([[file, readFileSync(join(dir, file), 'utf8').replace('/api/v1', '/api/v9')]]));
      const after = await analyzer.analyze({ root: dir, fs, config: DEFAULT_CONFIG, changed: [file] });
      expect(after).toEqual(await new Analyzer().analyze({ root: dir, fs, config: DEFAULT_CONFIG }));
      expect(after.endpoints.map((e) => e.path)).not.toEqual(before.endpoints.map((e) => e.path));
      expect(after.endpoints.some((e) => e.path.startsWith('/api/v9'))).toBe(true);
      expect(readFileSync(join(dir, entry), 'utf8')).toContain('settings.API_V1_STR');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
