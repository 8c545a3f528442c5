// mocha's spec reporter, plus the run's counts written as JSON to $MOCHA_COUNTS_FILE for the unit runner.
import * as fs from 'node:fs';
import Mocha from 'mocha';
import { COUNTS_FILE_ENV, failedLine } from './report';

class CountingSpecReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const failed: string[] = [];
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test: Mocha.Test, err: Error) => failed.push(failedLine(test.fullTitle(), err?.message)));
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env[COUNTS_FILE_ENV];
      const stats = runner.stats;
      if (file && stats) fs.writeFileSync(file, JSON.stringify({ passes: stats.passes, failures: stats.failures, pending: stats.pending, failed }));
    });
  }
}

export = CountingSpecReporter;
