/**
 * Settings pulled from the client per workspace folder (`workspace/configuration` with a scope URI),
 * cached as promises and forgotten on `didChangeConfiguration`.
 */
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, resolveSettings, type Settings } from '../shared/settings';

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
      s = this.connection.workspace
        .getConfiguration({ scopeUri: folderUri, section: 'apiParity' })
        .then(resolveSettings, () => DEFAULT_SETTINGS);
      this.cache.set(folderUri, s);
    }
    return s;
  }

  clear(): void {
    this.cache.clear();
  }
}
