// Reads vitest's JSON report and fails the CI run when the run does not prove what it should:
// no test ran, a test was skipped (or left as todo), or one of the two databases' legs did not
// run. A dialect's leg is the tests whose suite title names it (`… [postgres]`, as
// test/support/databases.ts titles every per-dialect suite); without TEST_DATABASE_URL the suite
// starts its own PostgreSQL, so a missing leg means a broken setup, never a choice.
import fs from 'node:fs';

const file = process.argv[2] ?? 'test-results/vitest.json';
const report = JSON.parse(fs.readFileSync(file, 'utf8'));
const tests = report.testResults.flatMap((f) => f.assertionResults);
const skipped = tests.filter((t) => t.status !== 'passed' && t.status !== 'failed');
const perDialect = {};
for (const dialect of ['sqlite', 'postgres']) {
  perDialect[dialect] = tests.filter((t) => t.status === 'passed' && t.ancestorTitles.some((a) => a.includes(`[${dialect}`))).length;
}

console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped.length} skipped; per database: sqlite ${perDialect.sqlite}, postgres ${perDialect.postgres}`);
const problems = [];
if (report.numTotalTests === 0) problems.push('no test ran');
for (const t of skipped.slice(0, 20)) problems.push(`${t.status}: ${t.fullName}`);
for (const [dialect, n] of Object.entries(perDialect)) if (n === 0) problems.push(`no ${dialect} test passed: that leg did not run`);
for (const p of problems) console.error(`ci: ${p}`);
process.exit(problems.length > 0 ? 1 : 0);
