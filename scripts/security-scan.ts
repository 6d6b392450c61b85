/**
 * `npm run security:scan`: Electronegativity over the app's sources (main, preload, twin,
 * services, engine and renderer in one run, so its global checks see the navigation and
 * permission handlers in main together with the renderer's CSP). Fails on any HIGH or
 * MEDIUM finding; LOW findings are printed, and the accepted ones are listed in SECURITY.md.
 *
 * Excluded: AvailableSecurityFixesGlobalCheck, which downloads Electron's release list
 * (no network in CI); Electron updates are tracked through the lockfile instead.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  description: string;
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

export function findingsFromCsv(text: string): Finding[] {
  return parseCsv(text)
    .slice(1)
    .filter((r) => r.length >= 7 && r[0]!.trim() !== '')
    .map(([check, severity, confidence, file, location, , description]) => ({
      check: check!.trim(),
      severity: severity!.trim(),
      confidence: confidence!.trim(),
      file: file!.trim(),
      location: location!.trim(),
      description: description!.trim(),
    }));
}

/** "CHECK_ID path" pairs listed under "Accepted low findings" in SECURITY.md. */
export function acceptedLows(securityMd: string): Set<string> {
  const section = securityMd.split(/^## Accepted low findings$/m)[1]?.split(/^## /m)[0] ?? '';
  const accepted = new Set<string>();
  for (const match of section.matchAll(/^- `([A-Z_]+)` in `([^`]+)`/gm)) accepted.add(`${match[1]} ${match[2]}`);
  return accepted;
}

function stageSources(): string {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'interject-scan-'));
  for (const dir of ['electron', 'renderer']) {
    fs.cpSync(path.join(root, dir), path.join(stage, dir), { recursive: true, filter: (src) => !src.includes(`${path.sep}node_modules`) });
  }
  return stage;
}

function main(): number {
  const electronVersion = (JSON.parse(fs.readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;
  const stage = stageSources();
  const csv = path.join(stage, 'findings.csv');
  try {
    const cli = require.resolve('@doyensec/electronegativity/dist/index.js');
    const run = spawnSync(
      process.execPath,
      [cli, '-i', stage, '-r', '-v', 'false', '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck', '-o', csv],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    if (run.status !== 0 || !fs.existsSync(csv)) {
      process.stderr.write(`Electronegativity did not run to the end (exit ${run.status}).\n${run.stderr}\n${run.stdout}\n`);
      return 2;
    }
    const findings = findingsFromCsv(fs.readFileSync(csv, 'utf8'));
    const accepted = acceptedLows(fs.readFileSync(path.join(root, 'SECURITY.md'), 'utf8'));
    const blocking = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
    process.stdout.write(`Electronegativity (Electron ${electronVersion}) over electron/ and renderer/: ${findings.length} finding(s)\n`);
    for (const f of findings) {
      const note =
        f.severity === 'LOW'
          ? accepted.has(`${f.check} ${f.file}`)
            ? 'accepted (SECURITY.md)'
            : 'LOW, not yet in SECURITY.md'
          : f.severity === 'HIGH' || f.severity === 'MEDIUM'
            ? 'BLOCKING'
            : '';
      process.stdout.write(`  ${f.severity.padEnd(13)} ${f.check.padEnd(40)} ${`${f.file}:${f.location}`.padEnd(36)} ${note}\n`);
    }
    if (blocking.length > 0) {
      process.stderr.write(`\n${blocking.length} HIGH/MEDIUM finding(s): fix them (see each check's wiki page).\n`);
      for (const f of blocking) process.stderr.write(`  ${f.check} ${f.file}:${f.location}: ${f.description}\n`);
      return 1;
    }
    process.stdout.write('No HIGH or MEDIUM findings.\n');
    return 0;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(main());
