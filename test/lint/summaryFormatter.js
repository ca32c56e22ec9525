// ESLint formatter for `npm run lint`: the usual report when something is wrong, and one
// counted line when nothing is, so CI output shows that lint ran and on how much.
import { ESLint } from 'eslint';

/** @param {import('eslint').ESLint.LintResult[]} results */
export default async function summary(results) {
  const problems = results.reduce((sum, result) => sum + result.errorCount + result.warningCount, 0);
  if (problems > 0) {
    const stylish = await new ESLint().loadFormatter('stylish');
    return stylish.format(results);
  }
  return `lint: ${results.length} files checked, 0 problems`;
}
