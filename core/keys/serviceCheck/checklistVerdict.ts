import { z } from 'zod';
import { CHECKLIST_QUESTIONS, type ChecklistQuestion } from './checklistQuestions.ts';
import { bySeverity, verdictFromSeverities, type Reason, type ServiceVerdict } from './serviceVerdict.ts';

/** Answers by question id → option id. A question that is missing has not been checked. */
export const checklistAnswersSchema = z.record(z.string(), z.string());
export type ChecklistAnswers = z.infer<typeof checklistAnswersSchema>;

export interface ChecklistVerdict {
  readonly level: ServiceVerdict;
  /** Most serious first. `params.question` names the question each reason comes from. */
  readonly reasons: readonly Reason[];
  /** Questions without a usable answer, in questionnaire order. */
  readonly notChecked: readonly string[];
}

function reasonFor(question: ChecklistQuestion, answer: string | undefined): Reason {
  const option = question.options.find((o) => o.id === answer);
  if (option === undefined) {
    // Unanswered, or an answer this version does not know (an old or edited report): not checked.
    return { code: question.openReasonCode, params: { question: question.id }, severity: 'not_confirmed' };
  }
  return { code: option.reasonCode, params: { question: question.id }, severity: option.severity };
}

/**
 * The questionnaire's verdict. Pure: the same answers always give the same verdict. An unanswered
 * question is "not checked", never counted as fine: any open question keeps the verdict at
 * "could not confirm" unless a red flag already decides it.
 */
export function verdictFor(answers: ChecklistAnswers, questions: readonly ChecklistQuestion[] = CHECKLIST_QUESTIONS): ChecklistVerdict {
  const reasons = questions.map((question) => reasonFor(question, answers[question.id]));
  const notChecked = questions
    .filter((question, i) => reasons[i]?.severity === 'not_confirmed' && answers[question.id] !== 'not_sure')
    .map((question) => question.id);
  return { level: verdictFromSeverities(reasons.map((r) => r.severity)), reasons: bySeverity(reasons), notChecked };
}
