/**
 * The whole snapshot (`apiParity/gaps`) for the test API: the views never ask for it (they are served one
 * level at a time); it is fetched only once the API's `gaps()` or `whenIndexed()` was called, and from
 * then on after every new index.
 */
import type { LanguageClient } from 'vscode-languageclient/node';
import type * as vscode from 'vscode';
import { gapsRequest, type GapsResult } from '../shared/protocol';
import { stringify } from './log';

export class SnapshotFeed {
  private last: GapsResult | null = null;
  private wanted = false;
  private readonly waiters: Array<(g: GapsResult) => void> = [];

  constructor(
    private readonly client: () => LanguageClient | null,
    private readonly log: vscode.LogOutputChannel,
    /** Ask for a refresh (the first time a snapshot is wanted). */
    private readonly schedule: () => void,
  ) {}

  /** Fetch the snapshot, when one is wanted. */
  async fetch(): Promise<void> {
    const c = this.client();
    if (!this.wanted || !c) return;
    try {
      const last = (this.last = await c.sendRequest(gapsRequest));
      if (last.folders.some((f) => f.result)) for (const w of this.waiters.splice(0)) w(last);
    } catch (e) {
      this.log.warn(`could not read the snapshot: ${stringify(e)}`);
    }
  }

  private want(): void {
    if (this.wanted) return;
    this.wanted = true;
    this.schedule();
  }

  gaps(): GapsResult | null {
    this.want();
    return this.last;
  }

  whenIndexed(): Promise<GapsResult> {
    this.want();
    const last = this.last;
    return last?.folders.some((f) => f.result) ? Promise.resolve(last) : new Promise((resolve) => this.waiters.push(resolve));
  }
}
