/**
 * Main's logging: electron-log to <logs dir>/main.log with rotation, and the engine's
 * Logger interface for everything main wires up. Call once, before anything logs.
 */
import path from 'node:path';
import { app } from 'electron';
import log from 'electron-log/main';
import type { Logger } from '../engine/logger.js';
import { configureFileLog, loggerFromElectronLog } from './log-files.js';

export interface MainLogging {
  logger: Logger;
  /** Folder the "Open logs folder" setting opens. */
  logsDir: string;
  scoped(scope: string): Logger;
}

export function setupMainLogging(): MainLogging {
  const logsDir = app.getPath('logs');
  configureFileLog(log, { filePath: path.join(logsDir, 'main.log') });
  log.transports.console.level = app.isPackaged ? 'warn' : 'info';
  log.errorHandler.startCatching({ showDialog: false });
  return {
    logger: loggerFromElectronLog(log.scope('main')),
    logsDir,
    scoped: (scope) => loggerFromElectronLog(log.scope(scope)),
  };
}
