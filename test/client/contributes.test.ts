/**
 * The walkthrough and the menus (issue 17, "A walkthrough for the first run") only point at things that
 * exist: every `command:` link and menu entry names a declared command (or a contributed view's `.focus`),
 * every step's media file is in the package, every completion event names a contributed view, and every
 * declared command is registered by the client.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

interface Step {
  readonly id: string;
  readonly description: string;
  readonly media: { readonly markdown?: string; readonly image?: string };
  readonly completionEvents?: readonly string[];
}
interface Contributes {
  readonly commands: ReadonlyArray<{ command: string }>;
  readonly views: Record<string, ReadonlyArray<{ id: string }>>;
  readonly menus: Record<string, ReadonlyArray<{ command: string }>>;
  readonly walkthroughs: ReadonlyArray<{ id: string; steps: readonly Step[] }>;
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: Contributes; files?: string[] };
const c = pkg.contributes;
const views = Object.values(c.views).flat().map((v) => v.id);
const commands = new Set([...c.commands.map((x) => x.command), ...views.map((v) => `${v}.focus`)]);

/** The text of every module of the client, where commands are registered (`'apiParity.x': …` in a table). */
function clientSource(): string {
  const dir = join(ROOT, 'src/client');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  return files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
}

describe('the walkthrough and the menus point at what exists', () => {
  it('has one walkthrough with the four first-run steps', () => {
    expect(c.walkthroughs.map((w) => w.id)).toEqual(['apiParity.gettingStarted']);
    expect(c.walkthroughs[0]!.steps.map((s) => s.id)).toEqual(['explorer', 'endpoints', 'services', 'ignore']);
  });

  it('links, media and completion events of every step resolve', () => {
    for (const step of c.walkthroughs.flatMap((w) => w.steps)) {
      for (const m of step.description.matchAll(/\(command:([\w.]+)/g)) expect(commands, `${step.id} links ${m[1]}`).toContain(m[1]);
      const media = step.media.markdown ?? step.media.image;
      expect(media, step.id).toBeDefined();
      expect(existsSync(join(ROOT, media!)), `${step.id}: ${media} exists`).toBe(true);
      // .vscodeignore is an allowlist: the media's folder must be added back, or the .vsix ships without it.
      expect(readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n'), `${media} is packaged`).toContain(`!${media!.split('/')[0]}/**`);
      for (const e of step.completionEvents ?? []) {
        const view = /^onView:(.+)$/.exec(e)?.[1];
        if (view) expect(views, `${step.id}: ${e}`).toContain(view);
      }
    }
  });

  it('menu entries name declared commands, and the client registers every declared command', () => {
    for (const [where, entries] of Object.entries(c.menus)) for (const e of entries) expect(commands, `${where}: ${e.command}`).toContain(e.command);
    const src = clientSource();
    for (const { command } of c.commands) expect(src, `${command} is registered`).toContain(`'${command}'`);
  });
});
