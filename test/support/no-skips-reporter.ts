import type { Reporter, TestModule } from 'vitest/node';

/** A skipped or todo test is not a pass here: report them and fail the run. */
export default class NoSkipsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const skipped: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        if (test.result().state === 'skipped') skipped.push(`${module.moduleId} > ${test.fullName}`);
      }
    }
    if (skipped.length === 0) return;
    console.error(`\n${skipped.length} test(s) were skipped; a skipped test fails this suite:\n${skipped.map((name) => `  - ${name}`).join('\n')}`);
    process.exitCode = 1;
  }
}
