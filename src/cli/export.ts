/**
 * `api-parity export openapi [dir] [-o FILE|FOLDER/]`: one OpenAPI 3.1 document per backend service.
 * One service: the document on stdout or in FILE. Several: `-o` names a folder, and each service gets
 * `<service>.openapi.json` in it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { exportOpenApi } from '../core';
import type { CheckOptions } from './args';
import { analyseOpened, openWorkspace, writeReport } from './check';
import { UsageError } from './errors';
import { EXIT_OK } from './exitCodes';
import type { CliIo } from './io';
import { packageInfo } from './packageInfo';

export async function runExport(options: CheckOptions, io: CliIo): Promise<number> {
  const opened = await openWorkspace(options, io);
  if (typeof opened === 'number') return opened;
  const result = await analyseOpened(opened, options, io);
  if (typeof result === 'number') return result;
  const docs = exportOpenApi(result, packageInfo().version);
  if (docs.length === 0) throw new UsageError('no backend endpoints were found: there is nothing to export', 'export');
  const json = (d: unknown) => `${JSON.stringify(d, null, 2)}\n`;
  if (docs.length === 1) {
    if (options.output === null) io.stdout.write(json(docs[0]!.document));
    else await writeReport(path.resolve(io.cwd, options.output), options.output, json(docs[0]!.document));
  } else {
    if (options.output === null) throw new UsageError(`${docs.length} services have endpoints (${docs.map((d) => d.service.name).join(', ')}): pass --output <folder>/ to write one document per service`, 'export');
    const dir = path.resolve(io.cwd, options.output);
    await mkdir(dir, { recursive: true });
    for (const d of docs) await writeFile(path.join(dir, `${d.service.name.replace(/[^\w.-]+/g, '_')}.openapi.json`), json(d.document), 'utf8');
  }
  if (!options.quiet) io.stderr.write(`api-parity: exported ${docs.map((d) => `${d.service.name} (${Object.keys(d.document.paths).length} paths)`).join(', ')}\n`);
  return EXIT_OK;
}
