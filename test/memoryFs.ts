/** An in-memory FileSystem for core tests: root-relative paths → text, every file with mtime 1. */
import type { FileSystem } from '../src/core';

export function memoryFs(files: Readonly<Record<string, string>>): FileSystem {
  const enc = new TextEncoder();
  return {
    list: async () => Object.keys(files).sort(),
    stat: async (p) => (p in files ? { size: enc.encode(files[p]!).length, mtimeMs: 1 } : null),
    read: async (p) => enc.encode(files[p]!),
  };
}
