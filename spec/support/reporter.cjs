// Mocha reporter: the standard spec output, plus a machine-readable summary.
// When IB_RX_SUMMARY_FILE is set (scripts/test.mjs sets it) the counts are written there and the
// runner prints the closing line; otherwise this reporter prints `N passed, M failed[, K skipped]`.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const { passes = 0, failures = 0, pending = 0 } = runner.stats ?? {};
      const file = process.env.IB_RX_SUMMARY_FILE;
      if (file) {
        fs.writeFileSync(file, JSON.stringify({ passes, failures, pending }));
      } else {
        console.log(`${passes} passed, ${failures} failed${pending > 0 ? `, ${pending} skipped` : ''}`);
      }
    });
  }
}

module.exports = SummaryReporter;
