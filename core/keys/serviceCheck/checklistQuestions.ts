import type { FindingSeverity } from './serviceVerdict.ts';

/**
 * The questionnaire about a bot service, built from the safety guide's green and red flags for
 * people who use a third-party platform. Words live in messages.ts under the codes named here:
 * `questionCode` (the question), `explanationCode` (why it matters for your money), each option's
 * `labelCode`, and the `reasonCode` an answer contributes to the verdict.
 */
export interface ChecklistOption {
  readonly id: string;
  readonly labelCode: string;
  /** How this answer weighs: a red flag, a missing green flag (caution), a green flag, or unsure. */
  readonly severity: Extract<FindingSeverity, 'red_flag' | 'not_confirmed' | 'caution' | 'green'>;
  readonly reasonCode: string;
}

export interface ChecklistQuestion {
  readonly id: string;
  readonly questionCode: string;
  readonly explanationCode: string;
  readonly options: readonly ChecklistOption[];
  /** The reason shown while the question is unanswered (or answered "not sure"). */
  readonly openReasonCode: string;
}

type Weight = ChecklistOption['severity'];
const SUFFIX: Readonly<Record<Weight, string>> = { red_flag: 'RED', not_confirmed: 'OPEN', caution: 'CAUTION', green: 'GREEN' };

/** A question whose codes follow one scheme: CHECKLIST_<ID>_QUESTION, _WHY, _<OPTION>, _RED/_CAUTION/_GREEN/_OPEN. */
function question(id: string, options: readonly (readonly [optionId: string, severity: Weight])[]): ChecklistQuestion {
  const prefix = `CHECKLIST_${id.toUpperCase()}`;
  return {
    id,
    questionCode: `${prefix}_QUESTION`,
    explanationCode: `${prefix}_WHY`,
    openReasonCode: `${prefix}_OPEN`,
    options: [...options, ['not_sure', 'not_confirmed'] as const].map(([optionId, severity]) => ({
      id: optionId,
      labelCode: `${prefix}_${optionId.toUpperCase()}`,
      severity,
      reasonCode: `${prefix}_${SUFFIX[severity]}`,
    })),
  };
}

export const CHECKLIST_QUESTIONS: readonly ChecklistQuestion[] = [
  // Custody: "Verify custody model (do they ever hold funds?)"; red flag "They ask you to transfer crypto to them".
  question('custody', [['stays_with_me', 'green'], ['they_hold_it', 'red_flag']]),
  // Green flag: "They tell you exactly what permissions are needed (and recommend no-withdrawal)".
  question('permissions', [['named_exactly', 'green'], ['vague', 'caution']]),
  // Red flag: "They request withdrawal-enabled API keys".
  question('withdrawal', [['must_be_off', 'green'], ['must_be_on', 'red_flag'], ['not_mentioned', 'caution']]),
  // Green flag: "They support IP allowlisting".
  question('ip_allowlist', [['addresses_published', 'green'], ['not_offered', 'caution']]),
  // Green flag: "Transparent strategy explanation + real risk controls".
  question('strategy', [['explained', 'green'], ['secret', 'caution']]),
  // Green flag: "Clear fees".
  question('fees', [['written_down', 'green'], ['unclear', 'caution']]),
  // Red flag: "No verifiable company details or support".
  question('company', [['verifiable', 'green'], ['not_found', 'red_flag']]),
  question('support', [['reachable', 'green'], ['not_found', 'red_flag']]),
  // Green flag: "... and terms".
  question('terms', [['published', 'green'], ['not_found', 'caution']]),
  // Red flag: "'Guaranteed' returns, '100% win rate,' absurd APR claims".
  question('return_promises', [['none', 'green'], ['promised', 'red_flag']]),
  // Red flag: "Pressure tactics".
  question('pressure', [['none', 'green'], ['pressured', 'red_flag']]),
  // Red flag: "referral pyramids".
  question('referrals', [['none', 'green'], ['paid_for_recruiting', 'red_flag']]),
  // Red flag: "'limited time' deposits".
  question('deposit_deadline', [['none', 'green'], ['deadline', 'red_flag']]),
];

export type ChecklistQuestionId = (typeof CHECKLIST_QUESTIONS)[number]['id'];

/** Every code the questionnaire uses, for the message catalogue's completeness test. */
export const CHECKLIST_CODES: readonly string[] = CHECKLIST_QUESTIONS.flatMap((q) => [
  q.questionCode, q.explanationCode, q.openReasonCode, ...q.options.flatMap((o) => [o.labelCode, o.reasonCode]),
]).filter((code, index, all) => all.indexOf(code) === index);
