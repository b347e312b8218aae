/**
 * Bytes → text, with the decisions recorded: binary files are skipped, BOMs honoured (UTF-8, UTF-16),
 * invalid UTF-8 read as Latin-1 with a note rather than dropped.
 */
export type Decoded = { readonly text: string; readonly note?: string } | { readonly skip: string };

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), note: 'UTF-16 (LE) file' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), note: 'UTF-16 (BE) file' };
  const head = bytes.subarray(0, Math.min(bytes.length, 8192));
  if (head.includes(0)) return { skip: 'binary file (contains NUL bytes); not analysed' };
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start)) };
  } catch {
    return { text: new TextDecoder('latin1').decode(bytes.subarray(start)), note: 'not valid UTF-8; read as Latin-1' };
  }
}

/** FNV-1a over the text: a cache key for editor buffers (no mtime). */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16) + ':' + text.length;
}

/** Offset → 1-based line and column, by binary search over the line starts. */
export function offsetPositions(text: string): (offset: number) => { line: number; column: number } {
  let starts: number[] | null = null;
  return (offset) => {
    if (starts === null) {
      starts = [0];
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}
