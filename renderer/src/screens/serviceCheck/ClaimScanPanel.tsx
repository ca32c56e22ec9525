import { useTranslation } from 'react-i18next';
import type { ClaimMatchView, ClaimScanView } from '#core/contract/index.ts';
import { MAX_CLAIM_TEXT_CHARS } from '#core/contract/index.ts';
import { errorWords } from '../../errorWords.ts';
import { ReasonItem, useCodeWords, VerdictBox } from './Reasons.tsx';
import { useServiceCheckStore } from './serviceCheckStore.ts';

interface Span { readonly start: number; readonly end: number; readonly numbers: number[] }

/** Overlapping matches share one mark, numbered with every match it holds. */
function spansOf(matches: readonly ClaimMatchView[]): Span[] {
  const spans: { start: number; end: number; numbers: number[] }[] = [];
  matches.forEach((match, i) => {
    const last = spans.at(-1);
    if (last !== undefined && match.start < last.end) {
      last.end = Math.max(last.end, match.end);
      last.numbers.push(i + 1);
    } else {
      spans.push({ start: match.start, end: match.end, numbers: [i + 1] });
    }
  });
  return spans;
}

/** The pasted text as it was scanned, with each warning sign marked and numbered. */
function MarkedText({ text, matches }: { text: string; matches: readonly ClaimMatchView[] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const span of spansOf(matches)) {
    parts.push(text.slice(at, span.start));
    parts.push(<mark key={span.start}>{text.slice(span.start, span.end)}</mark>, <sup key={`n${String(span.start)}`}>{span.numbers.join(',')}</sup>);
    at = span.end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

function ScanResult({ text, result }: { text: string; result: ClaimScanView }) {
  const { t } = useTranslation();
  const words = useCodeWords();
  const sorted = [...result.matches].sort((a, b) => a.start - b.start);
  return (
    <section role="status" aria-labelledby="svc-claims-verdict" className="svc-result">
      <VerdictBox verdict={result.verdict} headingId="svc-claims-verdict" />
      {result.truncated ? <p className="svc-warn">{t('serviceCheck.claims.truncated', { scannedChars: result.scannedChars.toLocaleString() })}</p> : null}
      <h3 id="svc-marked-title">{t('serviceCheck.claims.markedTitle')}</h3>
      <div className="svc-marked" aria-labelledby="svc-marked-title" role="region">
        <MarkedText text={text.slice(0, result.scannedChars)} matches={sorted} />
      </div>
      {sorted.length === 0 ? <p>{t('serviceCheck.claims.none')}</p> : (
        <>
          <h3 id="svc-found-title">{t('serviceCheck.claims.foundTitle', { count: sorted.length })}</h3>
          <ol className="svc-reasons svc-claims" aria-labelledby="svc-found-title">
            {sorted.map((match) => (
              <ReasonItem key={`${match.ruleId}-${String(match.start)}`} severity="red_flag" text={`“${match.text}” — ${words(match.explanationCode, match.params)}`} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** The claim scanner: fixed rules over pasted advertising, every match marked in place and explained. */
export function ClaimScanPanel() {
  const { t } = useTranslation();
  const { claimText, setClaimText, scanClaims, scan, scanError, scanning } = useServiceCheckStore();
  return (
    <section className="svc-card" aria-labelledby="svc-claims-title">
      <h2 id="svc-claims-title">{t('serviceCheck.claims.title')}</h2>
      <p>{t('serviceCheck.claims.intro')}</p>
      <label className="field">
        <span>{t('serviceCheck.claims.text')}</span>
        <textarea rows={5} value={claimText} maxLength={MAX_CLAIM_TEXT_CHARS} onChange={(e) => { setClaimText(e.target.value); }} />
      </label>
      <button type="button" className="primary" disabled={scanning || claimText.trim() === ''} onClick={() => { void scanClaims(); }}>
        {scanning ? t('serviceCheck.claims.scanning') : t('serviceCheck.claims.scan')}
      </button>
      {scanError === null ? null : <p role="alert" className="error">{t('serviceCheck.claims.failed', { message: errorWords(scanError, t('serviceCheck.claims.refusedInput')) })}</p>}
      {scan === null ? null : <ScanResult text={scan.text} result={scan.result} />}
    </section>
  );
}
