/**
 * Language server entry point (bundled to dist/server.js, started by the extension over IPC).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { limitHeapGrowth, setWasmDir } from '../core';
import { Server } from './server';

limitHeapGrowth();
const wasm = join(__dirname, 'wasm');
if (existsSync(wasm)) setWasmDir(wasm);

const connection = createConnection(ProposedFeatures.all);
// Anything printed goes to the client's output channel, never to stdout (which may carry the protocol).
console.log = (...a: unknown[]) => connection.console.log(a.map(String).join(' '));
console.info = (...a: unknown[]) => connection.console.info(a.map(String).join(' '));
console.warn = (...a: unknown[]) => connection.console.warn(a.map(String).join(' '));
console.error = (...a: unknown[]) => connection.console.error(a.map(String).join(' '));
process.on('uncaughtException', (e) => connection.console.error(`uncaught exception: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${(e as Error)?.stack ?? e}`));

const server = new Server(connection);
connection.onShutdown(() => server.dispose());
server.listen();
