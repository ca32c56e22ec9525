import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHECKLIST_QUESTIONS, englishTranslate, verdictFor, type ChecklistAnswers,
} from '../../../../core/keys/serviceCheck/index.ts';

const SEED = Number(process.env.BALLAST_PROPERTY_SEED ?? 20_260_318);
const RUNS = Number(process.env.BALLAST_PROPERTY_RUNS ?? 300);

const answerAll = (pick: (options: readonly { id: string; severity: string }[]) => string): ChecklistAnswers =>
  Object.fromEntries(CHECKLIST_QUESTIONS.map((q) => [q.id, pick(q.options)]));
const greenEverywhere = answerAll((options) => options.find((o) => o.severity === 'green')!.id);
const t = englishTranslate();

describe('service checklist verdict', () => {
  it('has the guide’s flags as questions, each with an explanation, answers and a "not sure"', () => {
    expect(CHECKLIST_QUESTIONS.map((q) => q.id)).toEqual([
      'custody', 'permissions', 'withdrawal', 'ip_allowlist', 'strategy', 'fees', 'company', 'support', 'terms',
      'return_promises', 'pressure', 'referrals', 'deposit_deadline',
    ]);
    for (const question of CHECKLIST_QUESTIONS) {
      expect(question.options.some((o) => o.severity === 'green')).toBe(true);
      expect(question.options.at(-1)).toMatchObject({ id: 'not_sure', severity: 'not_confirmed' });
    }
  });

  it('finds no red flags only when every question has a reassuring answer', () => {
    const verdict = verdictFor(greenEverywhere);
    expect(verdict.level).toBe('no_red_flags_found');
    expect(verdict.notChecked).toEqual([]);
    expect(verdict.reasons.every((r) => r.severity === 'green')).toBe(true);
  });

  it('counts unanswered questions as not checked, never as fine', () => {
    const verdict = verdictFor({});
    expect(verdict.level).toBe('could_not_confirm');
    expect(verdict.notChecked).toEqual(CHECKLIST_QUESTIONS.map((q) => q.id));
    expect(verdict.reasons.map((r) => r.code)).toEqual(CHECKLIST_QUESTIONS.map((q) => q.openReasonCode));

    const oneMissing = { ...greenEverywhere };
    delete oneMissing['terms'];
    expect(verdictFor(oneMissing)).toMatchObject({ level: 'could_not_confirm', notChecked: ['terms'] });
  });

  it('reads "not sure" and an answer it does not know as unconfirmed', () => {
    expect(verdictFor({ ...greenEverywhere, company: 'not_sure' })).toMatchObject({ level: 'could_not_confirm', notChecked: [] });
    expect(verdictFor({ ...greenEverywhere, company: 'yes-probably' })).toMatchObject({ level: 'could_not_confirm', notChecked: ['company'] });
  });

  it('says plainly that a withdrawal-enabled key is a red flag, first', () => {
    const verdict = verdictFor({ withdrawal: 'must_be_on' });
    expect(verdict.level).toBe('red_flags');
    expect(verdict.reasons[0]).toEqual({ code: 'CHECKLIST_WITHDRAWAL_RED', params: { question: 'withdrawal' }, severity: 'red_flag' });
    expect(t(verdict.reasons[0]!.code, verdict.reasons[0]!.params)).toBe('Red flag: they asked for a key that can withdraw. A service never needs this.');
  });

  it('lists a missing green flag as a caution without turning the verdict red', () => {
    const verdict = verdictFor({ ...greenEverywhere, ip_allowlist: 'not_offered' });
    expect(verdict.level).toBe('no_red_flags_found');
    expect(verdict.reasons[0]).toMatchObject({ code: 'CHECKLIST_IP_ALLOWLIST_CAUTION', severity: 'caution' });
  });

  it(`red exactly when a red answer is given; "no red flags" only with every question answered (seed ${String(SEED)}, ${String(RUNS)} runs)`, () => {
    const answers = fc.record(
      Object.fromEntries(CHECKLIST_QUESTIONS.map((q) => [q.id, fc.constantFrom(...q.options.map((o) => o.id), 'unknown-answer')])),
      { requiredKeys: [] },
    ) as fc.Arbitrary<ChecklistAnswers>;
    fc.assert(
      fc.property(answers, (given) => {
        const verdict = verdictFor(given);
        const chosen = CHECKLIST_QUESTIONS.map((q) => q.options.find((o) => o.id === given[q.id]));
        expect(verdict.level === 'red_flags').toBe(chosen.some((o) => o?.severity === 'red_flag'));
        if (verdict.level === 'no_red_flags_found') {
          expect(chosen.every((o) => o !== undefined && (o.severity === 'green' || o.severity === 'caution'))).toBe(true);
        }
        expect(verdict.reasons.map((r) => r.params['question']).sort()).toEqual(CHECKLIST_QUESTIONS.map((q) => q.id).sort());
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
