/**
 * Reading the config file: what cannot be read or parsed is a located ConfigurationError (the CLI's
 * exit 2, the server's "using defaults" message), never an exception of another kind.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, DEFAULT_CONFIG, MAX_FILE_SIZE_CAP, parseConfig } from '../../src/core/config';
import type { FileSystem } from '../../src/core/fs';
import { loadConfig } from '../../src/core/loadConfig';

function errno(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/** A file system with one config file (or none), whose stat and read can fail. */
function configFs(file: { text?: string; size?: number; statNull?: boolean; readError?: NodeJS.ErrnoException }): FileSystem {
  return {
    list: async () => [],
    stat: async (path) => (path !== 'api-parity.config.json' || file.statNull ? null : { size: file.size ?? file.text?.length ?? 0, mtimeMs: 1 }),
    read: async () => {
      if (file.readError) throw file.readError;
      return new TextEncoder().encode(file.text ?? '');
    },
  };
}

async function problems(fs: FileSystem): Promise<string[]> {
  try {
    await loadConfig(fs);
  } catch (e) {
    if (!(e instanceof ConfigurationError)) throw e;
    return e.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
  }
  return [];
}

describe('loadConfig', () => {
  it('an injected read error is a located configuration error (it escaped as the raw error: exit 3)', async () => {
    expect(await problems(configFs({ readError: errno('EACCES', 'permission denied') }))).toEqual(['1:1 cannot be read: permission denied']);
    expect(await problems(configFs({ readError: errno('EIO', 'i/o error, read') }))).toEqual(['1:1 cannot be read: EIO: i/o error, read']);
  });

  it('a folder in place of the file is an error; no file at all means the defaults', async () => {
    expect(await problems(configFs({ statNull: true, readError: errno('EISDIR', 'illegal operation on a directory') }))).toEqual(['1:1 cannot be read: it is a folder, not a file']);
    expect(await loadConfig(configFs({ statNull: true, readError: errno('ENOENT', 'no such file') }))).toEqual({ config: DEFAULT_CONFIG, file: null });
  });

  it('a file too large is refused before it is read, and one that is not text says so', async () => {
    expect(await problems(configFs({ size: 50 * 1024 * 1024, readError: errno('EIO', 'must not be read') }))).toEqual(['1:1 the file is 52428800 bytes long; at most 1048576 are allowed']);
    expect(await problems(configFs({ text: '\u0000\u0001\u0002{}' }))).toEqual([expect.stringMatching(/^1:1 cannot be read as text: /)]);
  });
});

describe('parseConfig on hostile text', () => {
  it('refuses JSON nested deeper than 32 levels before the recursive parser sees it', () => {
    expect(() => parseConfig('{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}', 'c.json')).toThrow(/^c\.json:1:37: the configuration is nested deeper than 32 levels$/);
    expect(() => parseConfig('// [[[[ in a comment, "[[[[" in a string\n{"include": ["[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["]}', 'c.json')).not.toThrow();
  });

  it('caps maxFileSize: a repository cannot ask for gigabyte files to be read and parsed', () => {
    expect(() => parseConfig('{"maxFileSize": 1000000000000}', 'c.json')).toThrow(/^c\.json:1:2: maxFileSize: at most 16777216 bytes \(16 MiB\)$/);
    expect(parseConfig('{"maxFileSize": 16777216}', 'c.json').maxFileSize).toBe(16 * 1024 * 1024);
    const schema = JSON.parse(readFileSync(join(__dirname, '../../schemas/api-parity.config.schema.json'), 'utf8')) as { properties: { maxFileSize: { maximum: number } } };
    expect(schema.properties.maxFileSize.maximum).toBe(MAX_FILE_SIZE_CAP);
  });

  it('bounds services and ignore rules, and lists at most 100 problems', () => {
    expect(() => parseConfig(JSON.stringify({ services: Array.from({ length: 201 }, (_, i) => ({ name: `s${i}`, root: `s${i}` })) }), 'c.json')).toThrow(/services: has 201 services; at most 200 are allowed/);
    let listed: readonly { message: string }[] = [];
    try {
      parseConfig(JSON.stringify({ ignore: Array.from({ length: 1000 }, () => ({ path: 'no-slash' })) }), 'c.json');
    } catch (e) {
      listed = (e as ConfigurationError).problems;
    }
    expect(listed).toHaveLength(101);
    expect(listed[100]!.message).toBe('… and 1900 more problems');
  });
});
