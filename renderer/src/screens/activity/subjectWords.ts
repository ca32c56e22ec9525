import type { TFunction } from 'i18next';

/** Ballast's own subjects have names in words; markets and order ids stay as they are. */
const NAMED_SUBJECTS: ReadonlySet<string> = new Set(['trading_state', 'equity_marks', 'kill_switch']);

export function subjectWords(t: TFunction, subject: string): string {
  return NAMED_SUBJECTS.has(subject) ? t(`activity.subject_${subject}`) : subject;
}

/** Order ids are long: the first characters, as the summaries show them; the full id is in the details. */
export const shortSubject = (subject: string): string => (subject.length > 14 ? `${subject.slice(0, 9)}…` : subject);
