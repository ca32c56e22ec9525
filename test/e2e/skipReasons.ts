import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Prints why tests were skipped, grouped by project and reason, after the run: a skipped spec
 * must say why (e.g. "no Electron binary"), not just count as skipped.
 */
export default class SkipReasons implements Reporter {
  private readonly reasons = new Map<string, number>();

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const project = test.parent.project()?.name ?? 'unknown project';
    const reason = test.annotations.find((annotation) => annotation.type === 'skip')?.description ?? 'no reason given';
    const key = `[${project}] ${reason}`;
    this.reasons.set(key, (this.reasons.get(key) ?? 0) + 1);
  }

  onEnd(): void {
    for (const [key, count] of this.reasons) {
      process.stdout.write(`  skipped ${count} × ${key}\n`);
    }
  }

  printsToStdio(): boolean {
    return true;
  }
}
