/**
 * Reads jest --json result files and adds them up into the line CI reads:
 * `jest: N passed, N failed` (plus skipped when any were skipped).
 */
const fs = require('fs');

function summarize(files) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let ran = true;
  for (const file of files) {
    if (!fs.existsSync(file)) {
      ran = false;
      continue;
    }
    const report = JSON.parse(fs.readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    // A test file that fails to load counts as one failure, not as zero tests.
    failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
    skipped += report.numPendingTests + report.numTodoTests;
  }
  const line = `jest: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
  return { passed, failed, skipped, ran: ran && passed + failed > 0, line };
}

module.exports = { summarize };

if (require.main === module) {
  const summary = summarize(process.argv.slice(2));
  console.log(summary.line);
  process.exit(summary.ran && summary.failed === 0 ? 0 : 1);
}
