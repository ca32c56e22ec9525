import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveLadderReason, LiveLadderView, LiveShareStepResult } from '#core/contract/index.ts';
import { ballast } from '../../ballast.ts';
import { formatMoney } from '../../numberFormat.ts';

/** The ladder is read from the exchange (balances): often enough to follow the record, not at every screen poll. */
const REFRESH_MS = 30_000;

function Reasons({ reasons, label }: { reasons: readonly LiveLadderReason[]; label: string }) {
  const { t } = useTranslation();
  if (reasons.length === 0) return null;
  return (
    <div className="live-ladder-reasons">
      <p>{label}</p>
      <ul>{reasons.map((reason) => <li key={reason.code} data-code={reason.code}>{t(`liveBot.ladder.reason.${reason.code}`, { ...reason.params, defaultValue: reason.code })}</li>)}</ul>
    </div>
  );
}

/**
 * Ballast's share on the capital ladder: the live record measured, "Raise Ballast's share" (only
 * with no blocker, the money at stake shown, the exact words typed) and "Lower" (at once).
 * `shareQuote` is the live bot's current share: when it changes, the ladder is read again.
 */
export function LiveLadderPanel({ shareQuote, phase }: { shareQuote: number | null; phase: string }) {
  const { t } = useTranslation();
  const [ladder, setLadder] = useState<LiveLadderView | null>(null);
  const [raising, setRaising] = useState(false);
  const [typed, setTyped] = useState('');
  const [lowerTo, setLowerTo] = useState('');
  const [outcome, setOutcome] = useState<{ kind: 'raised' | 'lowered' | 'refused'; result: LiveShareStepResult } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let stopped = false;
    const read = async (): Promise<void> => {
      const result = await ballast().getLiveLadder({});
      if (!stopped && result.ok) setLadder(result.value);
    };
    void read();
    const timer = setInterval(() => { void read(); }, REFRESH_MS);
    return () => { stopped = true; clearInterval(timer); };
  }, [shareQuote, phase]);

  if (ladder === null || !ladder.available || ladder.raise === null || ladder.shareQuote === null) return null;
  const quote = ladder.quoteAsset ?? '';
  const money = (value: number): string => formatMoney(value, quote);
  const { raise, evidence } = ladder;

  const act = async (step: () => ReturnType<ReturnType<typeof ballast>['lowerLiveShare']>, kind: 'raised' | 'lowered'): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const result = await step();
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setLadder(result.value.ladder);
      setOutcome({ kind: result.value.done ? kind : 'refused', result: result.value });
      if (result.value.done) {
        setRaising(false);
        setTyped('');
        setLowerTo('');
      }
    } finally {
      setBusy(false);
    }
  };
  const lowerAmount = Number(lowerTo);

  return (
    <section className="live-ladder" aria-labelledby="live-ladder-title">
      <h4 id="live-ladder-title">{t('liveBot.ladder.title', { stage: ladder.stage })}</h4>
      {evidence ? (
        <p className="keys-muted" data-testid="live-ladder-record">
          {t('liveBot.ladder.record', {
            days: evidence.daysLive, daysNeeded: evidence.daysNeeded, trips: evidence.roundTrips, tripsNeeded: evidence.roundTripsNeeded, findings: evidence.unresolvedFindings,
            slippage: evidence.averageSlippageBps === null ? t('liveBot.ladder.slippageUnknown') : t('liveBot.ladder.slippage', { bps: evidence.averageSlippageBps, limit: evidence.slippageLimitBps }),
          })}
        </p>
      ) : null}
      {raise.allowed ? <p>{t('liveBot.ladder.offered', { toQuote: money(raise.toQuote) })}</p> : <Reasons reasons={raise.blockers} label={t('liveBot.ladder.notOffered')} />}
      {raising && raise.allowed ? (
        <div className="live-ladder-raise" role="group" aria-label={t('liveBot.ladder.raise')}>
          <p>{t('liveBot.ladder.summary', { fromQuote: money(raise.fromQuote), toQuote: money(raise.toQuote) })}</p>
          <p data-testid="live-ladder-at-stake">{t('liveBot.ladder.atStake', { extra: money(raise.extraAtStakeQuote), daily: money(raise.dailyLossLimitQuote), largest: money(raise.largestEntryQuote) })}</p>
          <label className="field">
            <span>{t('liveBot.ladder.confirmLabel', { phrase: raise.confirmationPhrase })}</span>
            <input type="text" autoComplete="off" spellCheck={false} maxLength={200} value={typed} onChange={(event) => { setTyped(event.target.value); }} />
          </label>
          <div className="keys-actions">
            <button type="button" onClick={() => { setRaising(false); setTyped(''); }}>{t('actions.cancel')}</button>
            <button type="button" className="danger" disabled={busy || typed.trim() === ''} onClick={() => void act(() => ballast().raiseLiveShare({ newShareQuote: raise.toQuote, typedConfirmation: typed }), 'raised')}>
              {t('liveBot.ladder.raiseYes')}
            </button>
          </div>
        </div>
      ) : (
        <div className="keys-actions">
          <button type="button" disabled={!raise.allowed || busy} aria-describedby={raise.allowed ? undefined : 'live-ladder-title'} onClick={() => { setOutcome(null); setRaising(true); }}>
            {t('liveBot.ladder.raise')}
          </button>
        </div>
      )}
      <div className="live-ladder-lower">
        <label className="field">
          <span>{t('liveBot.ladder.lowerLabel', { quote })}</span>
          <input type="number" inputMode="decimal" min={0} step="any" value={lowerTo} onChange={(event) => { setLowerTo(event.target.value); }} />
          <small className="keys-muted">{t('liveBot.ladder.lowerHint')}</small>
        </label>
        <div className="keys-actions">
          <button type="button" disabled={busy || !(lowerAmount > 0)} onClick={() => void act(() => ballast().lowerLiveShare({ newShareQuote: lowerAmount }), 'lowered')}>{t('liveBot.ladder.lower')}</button>
        </div>
      </div>
      {outcome?.kind === 'raised' ? <p role="status" className="keys-notice">{t('liveBot.ladder.raised', { shareQuote: money(outcome.result.ladder.shareQuote ?? 0) })}</p> : null}
      {outcome?.kind === 'lowered' ? <p role="status" className="keys-notice">{t('liveBot.ladder.lowered', { shareQuote: money(outcome.result.ladder.shareQuote ?? 0) })}</p> : null}
      {outcome?.kind === 'refused' ? <div role="alert" className="error"><Reasons reasons={outcome.result.reasons} label={t('liveBot.ladder.refused')} /></div> : null}
      {error ? <p role="alert" className="error">{error}</p> : null}
    </section>
  );
}
