import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodeLog from 'electron-log/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configureFileLog, loggerFromElectronLog, rotate } from '../../electron/main/log-files.js';

let dir: string;
let counter = 0;

function freshLog(filePath: string, maxSizeBytes: number) {
  const log = nodeLog.create({ logId: `test-${process.pid}-${counter++}` });
  log.transports.console.level = false;
  configureFileLog(log, { filePath, maxSizeBytes, keepOldFiles: 2 });
  return log;
}

beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interject-logs-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('file logging', () => {
  it('writes engine log lines with their fields to the log file', () => {
    const filePath = path.join(dir, 'main.log');
    const logger = loggerFromElectronLog(freshLog(filePath, 1024 * 1024).scope('engine'));
    logger.info('Session started', { sessionId: 's1' });
    logger.warn('Device lost');
    const text = fs.readFileSync(filePath, 'utf8');
    expect(text).toMatch(/\[info\] +\(engine\) Session started \{"sessionId":"s1"\}/);
    expect(text).toMatch(/\[warn\] +\(engine\) Device lost/);
  });

  it('rotates by size and keeps only the configured number of old files', () => {
    const filePath = path.join(dir, 'main.log');
    const logger = loggerFromElectronLog(freshLog(filePath, 2000));
    for (let i = 0; i < 200; i++) logger.info(`line ${i} ${'x'.repeat(80)}`);
    expect(fs.readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    expect(fs.statSync(filePath).size).toBeLessThan(2000 + 200);
    // The newest lines are in main.log, the previous ones in main.1.log.
    expect(fs.readFileSync(filePath, 'utf8')).toContain('line 199 ');
  });

  it('never writes an API key, in the message or in the fields', () => {
    const filePath = path.join(dir, 'main.log');
    const log = freshLog(filePath, 1024 * 1024);
    const logger = loggerFromElectronLog(log);
    logger.error('Request failed https://api.example.com/v1?api_key=sk-abcdefgh12345678&x=1', { authorization: 'Bearer sk-proj-0123456789abcdef' });
    log.warn('direct electron-log call with sk-live-0123456789abcdef');
    const text = fs.readFileSync(filePath, 'utf8');
    expect(text).not.toContain('sk-abcdefgh12345678');
    expect(text).not.toContain('0123456789abcdef');
    expect(text).toContain('api_key=***');
  });

  it('keeps log files private to the user (0600)', () => {
    const filePath = path.join(dir, 'main.log');
    loggerFromElectronLog(freshLog(filePath, 1024 * 1024)).info('hello');
    expect(fs.statSync(filePath).mode & 0o777).toBe(0o600);
  });

  it('rotate() shifts numbered files and drops the oldest', () => {
    const filePath = path.join(dir, 'main.log');
    for (const [name, text] of [
      ['main.log', 'now'],
      ['main.1.log', 'older'],
      ['main.2.log', 'oldest'],
    ])
      fs.writeFileSync(path.join(dir, name!), text!);
    rotate(filePath, 2);
    expect(fs.readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log']);
    expect(fs.readFileSync(path.join(dir, 'main.1.log'), 'utf8')).toBe('now');
    expect(fs.readFileSync(path.join(dir, 'main.2.log'), 'utf8')).toBe('older');
  });
});
