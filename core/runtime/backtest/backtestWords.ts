import { BACKTEST_MESSAGES } from '../../backtest/index.ts';

/**
 * Why the Backtest screen's request was not run, in plain words (the screen's own wording: the
 * command line's messages name its flags). Every refusal says nothing was tested and what to change.
 */
const REFUSALS: Readonly<Record<string, string>> = {
  UNKNOWN_STRATEGY: 'Nothing was tested: there is no strategy called "{{strategy}}".',
  UNKNOWN_PARAMETER: 'Nothing was tested: the {{strategy}} strategy has no setting "{{parameter}}". Its settings are: {{known}}.',
  PARAMETER_OUT_OF_RANGE: 'Nothing was tested: the {{strategy}} setting {{parameter}} is {{value}}, but it must be from {{min}} to {{max}}.',
  PARAMETERS_INCONSISTENT: 'Nothing was tested: these {{strategy}} settings do not fit together: {{problem}}.',
  GRID_EMPTY: 'Nothing was tested: none of the combinations to try is one the {{strategy}} strategy can run. Check the values to try.',
  GRID_TOO_LARGE: 'Nothing was tested: the search would try {{combinations}} combinations, more than the {{limit}} Ballast allows. So many tries make a good result meaningless; use fewer values.',
  WALK_FORWARD_TOO_LONG: 'Nothing was tested: the training window ({{trainBars}} bars) is at least as long as the whole file ({{bars}} bars), which leaves nothing to test on. Use a shorter training window.',
};

export function fillTemplate(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{\s*(\w+)[^}]*\}\}/g, (_, name: string) => {
    const value = params[name];
    return value === undefined ? '' : String(value);
  });
}

export function refusalWords(code: string, params: Readonly<Record<string, string | number>>): string {
  const template = REFUSALS[code];
  return template === undefined ? `Nothing was tested: the request was refused (${code}).` : fillTemplate(template, params);
}

const twoDecimals = (value: number): string => value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = (value: number): string => `${Math.round(value * 100).toLocaleString('en-US')} %`;

/** An overfitting explanation in words, numbers shaped as the screen shows them (for the exported report). */
export function overfittingWords(code: string, params: Readonly<Record<string, number>>): string {
  const template = (BACKTEST_MESSAGES as Readonly<Record<string, string>>)[code];
  if (template === undefined) return code;
  return template.replace(/\{\{\s*(\w+)\s*(?:,\s*([^}]*))?\}\}/g, (_, name: string, format: string | undefined) => {
    const value = params[name];
    if (value === undefined) return '';
    if (format?.includes('percent') === true) return percent(value);
    if (format?.includes('minimumFractionDigits: 2') === true) return twoDecimals(value);
    if (format?.includes('maximumFractionDigits: 1') === true) return value.toLocaleString('en-US', { maximumFractionDigits: 1 });
    return value.toLocaleString('en-US');
  });
}
