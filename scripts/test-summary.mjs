// Prints one closing line over every vitest run of `npm test` (unit + e2e), read from the
// JSON reports they wrote, so CI sees the totals: "Tests: N passed, N failed, N skipped".
import fs from 'node:fs';

const files = ['.tmp/vitest-unit.json', '.tmp/vitest-e2e.json'];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of files) {
  if (!fs.existsSync(file)) {
    console.error(`test-summary: ${file} is missing (did that run start?)`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
