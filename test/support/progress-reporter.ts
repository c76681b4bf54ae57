// A vitest reporter for the VM lane: one stderr line as each file and test starts, stamped with the seconds
// since the run began, so a run that hangs (and is ended by scripts/vm-watchdog.mjs) shows what was running.
import type { Reporter, TestCase, TestModule } from "vitest/node";

const t0 = Date.now();
const stamp = () => `[${((Date.now() - t0) / 1000).toFixed(1)} s]`;

export default class ProgressReporter implements Reporter {
  onTestModuleStart(module: TestModule): void {
    process.stderr.write(`${stamp()} start ${module.moduleId}\n`);
  }
  onTestCaseReady(test: TestCase): void {
    process.stderr.write(`${stamp()}   start ${test.fullName}\n`);
  }
  onTestModuleEnd(module: TestModule): void {
    process.stderr.write(`${stamp()} end ${module.moduleId}\n`);
  }
}
