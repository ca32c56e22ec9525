import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import {
  IMPORT_ERROR_CODES,
  IMPORT_NOTE_CODES,
  IMPORT_ROW_PROBLEM_CODES,
  describeImportProblem,
  importCandlesFromCsv,
  marketMessages,
  renderMarketMessage,
  type ImportParams,
} from '../../../core/market/index.ts';
import { failure } from './importSupport.ts';

/** Keys the wording uses besides the codes themselves. */
const EXTRA_KEYS = ['GAP', 'GAPS_FOUND', 'MORE_GAPS', 'MORE_ROW_PROBLEMS', 'ROW_NUMBERS_FILE_LINES', 'ROW_NUMBERS_LIST_ENTRIES'];
const ALL_CODES: readonly string[] = [...IMPORT_ERROR_CODES, ...IMPORT_ROW_PROBLEM_CODES, ...IMPORT_NOTE_CODES, ...EXTRA_KEYS];
const KEYS = Object.keys(marketMessages);
const TEMPLATES: Readonly<Record<string, string>> = marketMessages;

function baseKey(key: string): string {
  return key.replace(/_(one|other)$/, '');
}

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '');
}

/** A parameter value for every placeholder of a code, so each template can be rendered whole. */
function sampleParams(code: string, count: number): ImportParams {
  const params: Record<string, string | number> = { count };
  for (const key of KEYS.filter((candidate) => baseKey(candidate) === code)) {
    for (const name of placeholders(TEMPLATES[key] ?? '')) params[name] ??= name === 'count' ? count : `<${name}>`;
  }
  return params;
}

describe('the wording in messages.ts', () => {
  it('has a sentence for every code the importer returns, and no sentence for a code it does not', () => {
    for (const code of ALL_CODES) {
      const plain = code in marketMessages;
      const plural = `${code}_one` in marketMessages && `${code}_other` in marketMessages;
      expect(plain || plural, code).toBe(true);
    }
    expect(KEYS.map(baseKey).filter((code) => !ALL_CODES.includes(code))).toEqual([]);
  });

  it('renders exactly as i18next renders it, plural forms included', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'en', resources: { en: { translation: marketMessages } }, interpolation: { escapeValue: false } });
    for (const code of ALL_CODES) {
      for (const count of [1, 3]) {
        const params = sampleParams(code, count);
        expect(renderMarketMessage(code, params), `${code} count=${count}`).toBe(i18n.t(code, params));
      }
    }
  });

  it('speaks to a person: no schema wording, no raw keys, no empty placeholders, full sentences', () => {
    for (const key of KEYS) {
      const template = TEMPLATES[key] ?? '';
      expect(template, key).not.toMatch(/Too big|expected (string|number|int)|Invalid input|undefined|NaN|null|zod|\(s\)/);
      expect(template, key).toMatch(/[.!)]$/);
      expect(placeholders(template).every((name) => name.length > 0), key).toBe(true);
    }
  });

  it('tells the person after every refusal that nothing was imported', () => {
    for (const code of IMPORT_ERROR_CODES) expect(renderMarketMessage(code, sampleParams(code, 2)), code).toContain('Nothing was imported');
  });

  it('starts every row problem with its 1-based row, and renders a real refusal without a placeholder left', () => {
    for (const code of IMPORT_ROW_PROBLEM_CODES) expect(TEMPLATES[code], code).toMatch(/^Row \{\{row\}\}: /);
    const error = failure(importCandlesFromCsv('timestamp,open,high,low,close,volume\n1577836800000,1,2,3,1.5,10\n1577840400000,1,2,0.5,1.5,abc\n'));
    const text = describeImportProblem(error);
    expect(text).not.toContain('{{');
    expect(text.split('\n')).toEqual([
      '2 rows of this file could not be read. Nothing was imported. Correct or delete the rows listed below, then import the file again.',
      'Row 2: the high (2) is below the low (3).',
      "Row 3: the volume 'abc' is not a number.",
      'Row numbers count the lines of the file as a spreadsheet shows them, the header included.',
    ]);
  });
});
