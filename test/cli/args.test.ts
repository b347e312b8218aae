import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECK_OPTIONS, parseArgs } from '../../src/cli/args';

describe('parseArgs', () => {
  it('defaults to check . --format text --fail-on warning', () => {
    expect(parseArgs([])).toEqual({ kind: 'check', options: DEFAULT_CHECK_OPTIONS });
    expect(parseArgs(['check'])).toEqual({ kind: 'check', options: DEFAULT_CHECK_OPTIONS });
    expect(DEFAULT_CHECK_OPTIONS).toMatchObject({ dir: '.', format: 'text', failOn: 'warning', color: true });
  });

  it('reads the commands diff and export openapi, and keeps each command to its own options', () => {
    expect(parseArgs(['diff', 'web', '--base', 'origin/main', '-f', 'github'])).toEqual({ kind: 'diff', options: { ...DEFAULT_CHECK_OPTIONS, dir: 'web', base: 'origin/main', format: 'github' } });
    expect(parseArgs(['export', 'openapi', 'api', '-o', 'spec.json'])).toEqual({ kind: 'export', what: 'openapi', options: { ...DEFAULT_CHECK_OPTIONS, dir: 'api', output: 'spec.json' } });
    expect(parseArgs(['export', 'graphql'])).toMatchObject({ kind: 'error', message: "cannot export 'graphql': the one export is openapi" });
    expect(parseArgs(['diff', '--update-baseline'])).toMatchObject({ kind: 'error', message: '--update-baseline is an option of check, not of diff' });
    expect(parseArgs(['--base', 'x'])).toMatchObject({ kind: 'error', message: '--base is an option of diff, not of check' });
    expect(parseArgs(['help', 'diff'])).toEqual({ kind: 'help', topic: 'diff' });
  });

  it('reads every option, in both --name value and --name=value forms', () => {
    expect(parseArgs(['check', 'repo', '--format=sarif', '--fail-on', 'error', '-c', 'cfg.json', '-o', 'out/r.sarif', '--verbose', '--no-color', '-q', '--allow-home-or-root', '--no-cache', '--baseline', 'b.json', '--update-baseline'])).toEqual({
      kind: 'check',
      options: { dir: 'repo', format: 'sarif', failOn: 'error', config: 'cfg.json', output: 'out/r.sarif', verbose: true, color: false, quiet: true, allowHomeOrRoot: true, cache: false, baseline: 'b.json', updateBaseline: true, base: null, with: [] },
    });
  });

  it('makes check the default command when the first argument is a folder or an option', () => {
    expect(parseArgs(['web', '-f', 'json'])).toMatchObject({ kind: 'check', options: { dir: 'web', format: 'json' } });
    expect(parseArgs(['--fail-on', 'never'])).toMatchObject({ kind: 'check', options: { dir: '.', failOn: 'never' } });
  });

  it('takes everything after -- as positional, and - as stdout', () => {
    expect(parseArgs(['check', '--', '--odd-folder'])).toMatchObject({ kind: 'check', options: { dir: '--odd-folder' } });
    expect(parseArgs(['check', '--output', '-'])).toMatchObject({ kind: 'check', options: { output: null } });
  });

  it('lets the last repeated option win', () => {
    expect(parseArgs(['-f', 'json', '-f', 'markdown'])).toMatchObject({ options: { format: 'markdown' } });
  });

  it('answers help and version before reporting mistakes', () => {
    expect(parseArgs(['--help'])).toEqual({ kind: 'help', topic: 'main' });
    expect(parseArgs(['check', '-h'])).toEqual({ kind: 'help', topic: 'check' });
    expect(parseArgs(['help', 'check'])).toEqual({ kind: 'help', topic: 'check' });
    expect(parseArgs(['--nonsense', '--version'])).toEqual({ kind: 'version' });
  });

  it('describes mistakes', () => {
    expect(parseArgs(['--verbos'])).toEqual({ kind: 'error', topic: 'main', message: "unknown option '--verbos' (did you mean '--verbose'?)" });
    expect(parseArgs(['check', '-x'])).toEqual({ kind: 'error', topic: 'check', message: "unknown option '-x'" });
    expect(parseArgs(['--fail-on'])).toMatchObject({ kind: 'error', message: "option '--fail-on' needs a value (one of error, warning, info, hint, never)" });
    expect(parseArgs(['check', 'a', 'b', 'c'])).toMatchObject({ kind: 'error', message: "unexpected arguments 'b', 'c': check takes at most one folder" });
  });
});
