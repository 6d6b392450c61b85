import path from 'node:path';
import { app } from 'electron';

/**
 * The repository's resources/ folder at run time. Packaged, it is unpacked from the asar
 * (see asarUnpack in electron-builder.yml) so native code and the OS can read the files.
 */
export function resourcesDir(...parts: string[]): string {
  const base = app.isPackaged ? path.join(process.resourcesPath, 'app.asar.unpacked', 'resources') : path.join(app.getAppPath(), 'resources');
  return path.join(base, ...parts);
}
