/**
 * One LogOutputChannel, "API Parity", shared with the language server (its console lands here too).
 * Mirrored to the console when CI=true so test runs show it.
 */
import * as vscode from 'vscode';

export function createLog(): vscode.LogOutputChannel {
  const channel = vscode.window.createOutputChannel('API Parity', { log: true });
  if (process.env['CI'] !== 'true') return channel;
  const mirror = (level: string, original: (msg: string, ...a: unknown[]) => void) => (msg: string | Error, ...args: unknown[]) => {
    const text = stringify(msg);
    console.log(`[API Parity ${level}] ${text}`);
    original.call(channel, text, ...args);
  };
  channel.info = mirror('info', channel.info);
  channel.warn = mirror('warn', channel.warn);
  channel.error = mirror('error', channel.error as (m: string) => void) as typeof channel.error;
  return channel;
}

/** Errors as stacks, everything else as text. */
export function stringify(x: unknown): string {
  if (x instanceof Error) return x.stack ?? `${x.name}: ${x.message}`;
  return typeof x === 'string' ? x : JSON.stringify(x);
}
