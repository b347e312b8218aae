/**
 * The real-editor harness must install the same whoever starts it. `npm test` runs it inside an npm process
 * whose `npm_config_*` variables (above all `npm_config_user_agent`, "… node/v20 …") every child npm reads
 * as configuration; code-server's postinstall took its Node version from that and refused to build.
 * These tests start the script and the runners' helper with such an environment, as `npm test` does.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const polluted = {
  ...process.env,
  npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
  npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
  npm_lifecycle_event: 'test',
  npm_package_name: 'api-parity',
  NPM_CONFIG_LOGLEVEL: 'silly',
  NODE: '/usr/bin/node',
  INIT_CWD: root,
};

describe('editor harness environment', () => {
  it("setup-editor-harness.sh drops npm's variables before it runs any npm", () => {
    const r = spawnSync('bash', [join(root, 'scripts', 'setup-editor-harness.sh'), '--print-env'], { env: polluted, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const names = r.stdout.split('\n').map((l) => l.split('=')[0]!);
    expect(names).toContain('PATH');
    expect(names.filter((n) => /^npm_/i.test(n) || n === 'NODE' || n === 'INIT_CWD')).toEqual([]);
  });

  it("the runners start the script and code-server without npm's variables", async () => {
    // @ts-expect-error plain ESM helper without types
    const harness = (await import('../e2e/harness.mjs')) as { cleanEnv(env: NodeJS.ProcessEnv): Record<string, string> };
    const env = harness.cleanEnv(polluted);
    expect(Object.keys(env).filter((n) => /^npm_/i.test(n) || n === 'NODE' || n === 'INIT_CWD')).toEqual([]);
    expect(env.PATH).toBe(process.env.PATH);
  });
});
