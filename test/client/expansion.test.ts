/**
 * Collapse states remembered (issue 17, "Scale"): the rows a person opened or closed in a tree view are
 * kept in the workspace's state and read back by a view built later (a new snapshot, a restart).
 * `RememberedExpansion` only uses the vscode API's types, so it runs here against a fake context and view.
 */
import { describe, expect, it } from 'vitest';
import type * as vscode from 'vscode';
import { RememberedExpansion } from '../../src/client/views/expansion';

type Listener = (e: { element: string }) => void;

function fakeContext(): vscode.ExtensionContext {
  const store = new Map<string, unknown>();
  const workspaceState = {
    get: <T>(key: string, fallback: T) => (store.has(key) ? (structuredClone(store.get(key)) as T) : fallback),
    update: (key: string, value: unknown) => {
      store.set(key, structuredClone(value));
      return Promise.resolve();
    },
  };
  return { workspaceState } as unknown as vscode.ExtensionContext;
}

function fakeView(): { view: vscode.TreeView<string>; expand(id: string): void; collapse(id: string): void } {
  const on: { expand: Listener[]; collapse: Listener[] } = { expand: [], collapse: [] };
  const sub = (list: Listener[]) => (l: Listener) => {
    list.push(l);
    return { dispose: () => list.splice(list.indexOf(l), 1) };
  };
  const view = { onDidExpandElement: sub(on.expand), onDidCollapseElement: sub(on.collapse) } as unknown as vscode.TreeView<string>;
  return { view, expand: (id) => on.expand.forEach((l) => l({ element: id })), collapse: (id) => on.collapse.forEach((l) => l({ element: id })) };
}

describe('collapse states remembered', () => {
  it('a row opened or closed keeps that state in a view built later from the same workspace state', () => {
    const context = fakeContext();
    const first = new RememberedExpansion(context, 'apiParity.gapExplorer.expanded');
    const v = fakeView();
    first.follow(v.view, (id) => `row:${id}`);
    v.expand('Unused');
    v.collapse('Missing');
    v.expand('Missing');
    v.collapse('api');
    const later = new RememberedExpansion(context, 'apiParity.gapExplorer.expanded');
    expect(later.get('row:Unused')).toBe(true);
    expect(later.get('row:Missing')).toBe(true);
    expect(later.get('row:api')).toBe(false);
    // A row never touched has no remembered state: the view falls back to the tree's own default.
    expect(later.get('row:web')).toBeUndefined();
    // Another view's key is another memory.
    expect(new RememberedExpansion(context, 'apiParity.endpoints.expanded').get('row:Unused')).toBeUndefined();
  });

  it('ignores the expand events a view fires while it is being rebuilt (paused)', () => {
    const context = fakeContext();
    const memory = new RememberedExpansion(context, 'k');
    const v = fakeView();
    let paused = true;
    memory.follow(v.view, (id) => id, () => paused);
    v.expand('api');
    paused = false;
    v.collapse('web');
    const later = new RememberedExpansion(context, 'k');
    expect(later.get('api')).toBeUndefined();
    expect(later.get('web')).toBe(false);
  });
});
