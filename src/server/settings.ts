/**
 * Settings pulled from the client per workspace folder (`workspace/configuration` with a scope URI),
 * cached as promises and forgotten on `didChangeConfiguration`.
 */
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, resolveSettings, type Settings } from '../shared/settings';

const SETTINGS_TIMEOUT_MS = 5_000;

export class SettingsCache {
  private readonly cache = new Map<string, Promise<Settings>>();

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
  ) {}

  get(folderUri: string): Promise<Settings> {
    if (!this.canPull()) return Promise.resolve(DEFAULT_SETTINGS);
    let s = this.cache.get(folderUri);
    if (!s) {
      // A client that does not answer (seen once while a new window was starting) must not stall indexing.
      const late = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), SETTINGS_TIMEOUT_MS).unref?.());
      s = Promise.race([this.connection.workspace.getConfiguration({ scopeUri: folderUri, section: 'apiParity' }), late]).then((v) => {
        if (v === undefined) this.cache.delete(folderUri);
        return v === undefined ? DEFAULT_SETTINGS : resolveSettings(v);
      }, () => DEFAULT_SETTINGS);
      this.cache.set(folderUri, s);
    }
    return s;
  }

  clear(): void {
    this.cache.clear();
  }
}
