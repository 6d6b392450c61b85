import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptedLows, findingsFromCsv, parseCsv } from '../../scripts/security-scan.js';

describe('security scan report reading', () => {
  it('reads quoted CSV fields with commas, quotes and line breaks', () => {
    expect(parseCsv('a,"b, c","say ""hi""","two\nlines"\nx,y\n')).toEqual([
      ['a', 'b, c', 'say "hi"', 'two\nlines'],
      ['x', 'y'],
    ]);
  });

  it("turns Electronegativity's CSV into findings", () => {
    const csv = [
      'issue, severity, confidence, filename, location, sample, description, url',
      'SANDBOX_JS_CHECK,"MEDIUM","FIRM","electron/main/window.ts","22:17","const window = new BrowserWindow({","Use sandbox, please",https://example.invalid',
      'CSP_GLOBAL_CHECK,"LOW","TENTATIVE","electron/web/twin-server.ts","73:6",N/A,"Failed to\n parse CSP",https://example.invalid',
    ].join('\n');
    expect(findingsFromCsv(csv)).toEqual([
      {
        check: 'SANDBOX_JS_CHECK',
        severity: 'MEDIUM',
        confidence: 'FIRM',
        file: 'electron/main/window.ts',
        location: '22:17',
        description: 'Use sandbox, please',
      },
      {
        check: 'CSP_GLOBAL_CHECK',
        severity: 'LOW',
        confidence: 'TENTATIVE',
        file: 'electron/web/twin-server.ts',
        location: '73:6',
        description: 'Failed to\n parse CSP',
      },
    ]);
  });

  it('reads the accepted low findings from SECURITY.md', () => {
    const md = fs.readFileSync(path.resolve(import.meta.dirname, '../../SECURITY.md'), 'utf8');
    const accepted = acceptedLows(md);
    expect(accepted.has('CSP_GLOBAL_CHECK renderer/index.html')).toBe(true);
    expect(accepted.has('CSP_GLOBAL_CHECK electron/web/static-files.ts')).toBe(true);
  });
});
