/**
 * npm run models -- list | install <id> | delete <id> | link <id> <path>  [--data-dir DIR]
 * Manages the same models folder the app uses (default: the browser twin's data folder, or
 * INTERJECT_DATA_DIR), e.g. to fetch models ahead of a demo or point at files you already have.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatBytes } from './disk-space.js';
import { ModelError } from './errors.js';
import { ModelManager } from './model-manager.js';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'data-dir': { type: 'string' } } });
  const dataDir = path.resolve(values['data-dir'] ?? process.env['INTERJECT_DATA_DIR'] ?? path.join(os.homedir(), '.config', 'interject-web'));
  const manager = new ModelManager({ dataDir });
  const [command, id, target] = positionals;
  if (command === 'list' || command === undefined) {
    for (const s of await manager.list()) {
      const where = s.path ? ` at ${s.path}` : s.partialBytes ? ` (${formatBytes(s.partialBytes)} downloaded)` : '';
      console.log(`${s.id.padEnd(32)} ${s.purpose.padEnd(4)} ${formatBytes(s.sizeBytes).padStart(7)}  ${s.state}${where}  [${s.licence}]`);
    }
    return;
  }
  if (!id) throw new Error(`"${command}" needs a model id; run "list" to see them.`);
  if (command === 'install') {
    manager.on('progress', (p) => {
      const pct = p.totalBytes ? ` ${((p.receivedBytes / p.totalBytes) * 100).toFixed(0)}%` : '';
      const eta = p.remainingMs !== undefined ? `, ${Math.ceil(p.remainingMs / 1000)} s left` : '';
      process.stderr.write(`\r${p.phase}${pct} ${formatBytes(p.receivedBytes)} at ${formatBytes(p.bytesPerSecond)}/s${eta}      `);
    });
    process.on('SIGINT', () => manager.cancel(id));
    const s = await manager.install(id);
    console.log(`\ninstalled ${s.id} at ${s.path}`);
  } else if (command === 'delete') {
    console.log(`${(await manager.delete(id)).state}`);
  } else if (command === 'link') {
    if (!target) throw new Error('"link" needs the path of the file or folder you have.');
    console.log(`linked ${id} to ${(await manager.useExisting(id, target)).path}`);
  } else {
    throw new Error(`Unknown command "${command}": use list, install, delete or link.`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof ModelError ? `${e.code}: ${e.message}` : (e as Error).message);
  process.exitCode = 1;
});
