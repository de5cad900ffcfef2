// Prints one line with the totals of every test suite (Jest JSON results and Playwright's JSON
// report), the line CI reads: `N passed, N failed`.
import { existsSync, readFileSync } from 'node:fs';

const jestFiles = ['packages/shared', 'packages/nodes', 'apps/server', 'apps/web'].map(
  (dir) => `${dir}/.jest-results.json`,
);
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const file of jestFiles) {
  if (!existsSync(file)) {
    missing.push(file);
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  // A suite that failed to load counts as a failure even though it ran no test.
  failed += r.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
}
const pw = 'e2e/test-results/results.json';
if (!existsSync(pw)) missing.push(pw);
else {
  const s = JSON.parse(readFileSync(pw, 'utf8')).stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
}
// A suite that never reported (it did not start, or the run stopped before it) is a failure.
for (const file of missing) console.error(`no results from ${file}: that suite did not run`);
failed += missing.length;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
