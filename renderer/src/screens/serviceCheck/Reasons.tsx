import { useTranslation } from 'react-i18next';
import type { ServiceFindingSeverity, ServiceReason, ServiceVerdict } from '#core/contract/index.ts';

const VERDICT_CODES: Readonly<Record<ServiceVerdict, string>> = {
  red_flags: 'VERDICT_RED_FLAGS', could_not_confirm: 'VERDICT_COULD_NOT_CONFIRM', no_red_flags_found: 'VERDICT_NO_RED_FLAGS_FOUND',
};
const VERDICT_TONES: Readonly<Record<ServiceVerdict, string>> = { red_flags: 'danger', could_not_confirm: 'warn', no_red_flags_found: 'ok' };

/** The words of a code the service check returned. */
export function useCodeWords(): (code: string, params?: ServiceReason['params']) => string {
  const { t } = useTranslation();
  return (code, params = {}) => t(`serviceCheck.codes.${code}`, params);
}

/**
 * A verdict as a heading and what it means. There is no "safe": the best it says is "No red
 * flags found", with why that is not a promise.
 */
export function VerdictBox({ verdict, headingId, children }: { verdict: ServiceVerdict; headingId: string; children?: React.ReactNode }) {
  const words = useCodeWords();
  return (
    <div className="svc-verdict" data-tone={VERDICT_TONES[verdict]}>
      <h3 id={headingId}>{words(VERDICT_CODES[verdict])}</h3>
      <p>{words(`${VERDICT_CODES[verdict]}_BODY`)}</p>
      {children}
    </div>
  );
}

/** One reason with its weight; many messages already open with their label ("Red flag: …"), said once. */
export function ReasonItem({ severity, text }: { severity: ServiceFindingSeverity; text: string }) {
  const { t } = useTranslation();
  const label = t(`serviceCheck.severity.${severity}`);
  return (
    <li data-severity={severity}>
      {text.startsWith(label) ? null : <strong className="svc-tag">{label}: </strong>}
      {text}
    </li>
  );
}

export function ReasonList({ reasons, label }: { reasons: readonly ServiceReason[]; label: string }) {
  const words = useCodeWords();
  return (
    <ul className="svc-reasons" aria-label={label}>
      {reasons.map((reason, i) => <ReasonItem key={`${reason.code}-${String(i)}`} severity={reason.severity} text={words(reason.code, reason.params)} />)}
    </ul>
  );
}
