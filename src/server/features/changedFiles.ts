/**
 * Files changed since the default branch, for the catalogue's "changed" filter: per workspace folder, the
 * merge base of HEAD with the default branch (`origin/HEAD`, else `main`, `master`), then the files that
 * differ from it plus untracked ones. Read with git; a folder that is not a repository is left out.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function git(cwd: string, args: readonly string[]): Promise<string | null> {
  try {
    return (await run('git', [...args], { cwd, maxBuffer: 64 << 20, encoding: 'utf8', timeout: 20_000 })).stdout;
  } catch {
    return null;
  }
}

export interface ChangedFiles {
  /** Root-relative paths (below the system root). */
  readonly files: readonly string[];
  /** `main (merge base 1a2b3c4)`, one per repository. */
  readonly base: string;
}

/** Changed files of each folder (`at`: its place below the system root), or an error when none is a repository. */
export async function changedFiles(folders: ReadonlyArray<{ readonly path: string; readonly at: string }>): Promise<ChangedFiles | { error: string }> {
  const files: string[] = [];
  const bases: string[] = [];
  for (const f of folders) {
    let branch: string | null = null;
    for (const ref of ['origin/HEAD', 'main', 'master', 'origin/main', 'origin/master']) {
      if ((await git(f.path, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])) !== null) {
        branch = ref;
        break;
      }
    }
    const base = branch && (await git(f.path, ['merge-base', 'HEAD', branch]))?.trim();
    if (!base) continue;
    const diff = (await git(f.path, ['diff', '--name-only', '--relative', base])) ?? '';
    const untracked = (await git(f.path, ['ls-files', '--others', '--exclude-standard'])) ?? '';
    for (const line of `${diff}\n${untracked}`.split('\n')) if (line.trim()) files.push(f.at === '' ? line.trim() : `${f.at}/${line.trim()}`);
    bases.push(`${branch} (merge base ${base.slice(0, 7)})`);
  }
  if (bases.length === 0) return { error: 'no workspace folder is a git repository with a default branch (origin/HEAD, main or master)' };
  return { files: [...new Set(files)], base: [...new Set(bases)].join(', ') };
}
