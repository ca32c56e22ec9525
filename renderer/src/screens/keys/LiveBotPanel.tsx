import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveBotView, LiveNoticeView } from '#core/contract/index.ts';
import { ballast } from '../../ballast.ts';
import { formatLocalTime } from '../../frame/formatTime.ts';
import { formatAmount, formatMoney, formatPrice } from '../../numberFormat.ts';
import { useAppStore } from '../../store/appStore.ts';
import { LiveLadderPanel } from './LiveLadderPanel.tsx';

const POLL_MS = 2_000;

/** One notice in plain words; a code without its own sentence is shown as it is, never dropped. */
function NoticeLine({ notice }: { notice: LiveNoticeView }) {
  const { t } = useTranslation();
  const key = `liveBot.notice.${notice.code}`;
  const status = notice.params['status'];
  // An order's status arrives as the exchange layer's code; the person reads it in words.
  const params = typeof status === 'string' ? { ...notice.params, status: t(`liveBot.orderStatus.${status}`, { defaultValue: status.toLowerCase().replace(/_/g, ' ') }) } : notice.params;
  const words = t(key, { ...params, defaultValue: t('liveBot.notice.other', { code: notice.code }) });
  return <li data-code={notice.code} data-explained={notice.explained === undefined ? undefined : String(notice.explained)}>{words}</li>;
}

/** The bot on the real account: whether it trades, Ballast's share and what is in use, the last check, positions and their stops. */
export function LiveBotPanel() {
  const { t } = useTranslation();
  const [bot, setBot] = useState<LiveBotView | null>(null);
  const [confirmSale, setConfirmSale] = useState(false);
  const kill = useAppStore((s) => s.kill);
  const busy = useAppStore((s) => s.busy);
  useEffect(() => {
    let stopped = false;
    const read = async (): Promise<void> => {
      const result = await ballast().getLiveBot();
      if (!stopped && result.ok) setBot(result.value);
    };
    void read();
    const timer = setInterval(() => { void read(); }, POLL_MS);
    return () => { stopped = true; clearInterval(timer); };
  }, []);
  if (bot === null || bot.phase === 'off') return null;
  const quote = bot.quoteAsset ?? '';
  const halved = bot.entrySizeMultiplier < 1;
  return (
    <section className="live-bot" aria-labelledby="live-bot-title" data-phase={bot.phase}>
      <h3 id="live-bot-title">{t('liveBot.title')}</h3>
      <p role="status" className="live-bot-phase">{t(`liveBot.phase.${bot.phase}`, { strategy: bot.strategyName ?? '', symbol: bot.symbol ?? '', timeframe: bot.timeframe ?? '' })}</p>
      <dl className="live-bot-figures">
        <dt>{t('liveBot.share')}</dt>
        <dd data-testid="live-share">{bot.shareQuote === null ? '—' : formatMoney(bot.shareQuote, quote)}</dd>
        <dt>{t('liveBot.inUse')}</dt>
        <dd data-testid="live-in-use">{bot.inUseQuote === null ? '—' : formatMoney(bot.inUseQuote, quote)}</dd>
        <dt>{t('liveBot.entrySize')}</dt>
        <dd>{halved && bot.firstWeekEndsAtMs !== null ? t('liveBot.firstWeek', { until: formatLocalTime(bot.firstWeekEndsAtMs) }) : t('liveBot.fullSize')}</dd>
        <dt>{t('liveBot.lastBar')}</dt>
        <dd>{bot.lastBarOpenTimeMs === null ? '—' : t('liveBot.lastBarValue', { time: formatLocalTime(bot.lastBarOpenTimeMs), bars: bot.barsActedOn, orders: bot.ordersSent })}</dd>
      </dl>
      <p className="keys-muted">{t('liveBot.shareNote')}</p>
      <LiveLadderPanel shareQuote={bot.shareQuote} phase={bot.phase} />
      {bot.stopsOnExchange === false ? <p role="alert" className="live-bot-watched-stops" data-testid="live-watched-stops">{t('liveBot.watchedStops')}</p> : null}
      <h4>{t('liveBot.positions')}</h4>
      {bot.positions.length === 0 ? <p>{t('liveBot.noPositions')}</p> : (
        <ul className="live-bot-positions">
          {bot.positions.map((position) => (
            <li key={position.symbol} data-protection={position.protection}>
              {t(position.protection === 'protected' ? 'liveBot.positionProtected' : 'liveBot.positionNotProtected', {
                amount: formatAmount(position.amountBase, position.symbol.split('/')[0] ?? ''), stop: formatPrice(position.stopPriceQuote, quote), status: t(`liveBot.protection.${position.protection}`, { defaultValue: position.protection.replace(/_/g, ' ') }),
              })}
            </li>
          ))}
        </ul>
      )}
      {bot.lastCheck ? (
        <>
          <h4>{t('liveBot.check', { time: formatLocalTime(bot.lastCheck.atMs) })}</h4>
          <p>{t(`liveBot.verdict.${bot.lastCheck.verdict}`)}</p>
          {bot.lastCheck.findings.length > 0 ? <ul className="live-bot-findings">{bot.lastCheck.findings.map((finding, index) => <NoticeLine key={index} notice={finding} />)}</ul> : null}
        </>
      ) : null}
      {bot.lastKill ? (
        <>
          <h4>{t('liveBot.kill', { time: formatLocalTime(bot.lastKill.atMs) })}</h4>
          <p data-testid="live-kill">{t(bot.lastKill.done ? 'liveBot.killDone' : 'liveBot.killNotConfirmed', { stops: bot.lastKill.remainingStops, external: bot.lastKill.externalOrders, orders: bot.lastKill.remainingOrders })}</p>
          <ul>{bot.lastKill.notices.map((notice, index) => <NoticeLine key={index} notice={notice} />)}</ul>
        </>
      ) : null}
      {bot.phase === 'killed' && bot.positions.length > 0 ? (
        <div className="keys-actions">
          {confirmSale ? (
            <>
              <p>{t('liveBot.sellConfirm')}</p>
              <button type="button" onClick={() => { setConfirmSale(false); }}>{t('actions.cancel')}</button>
              <button type="button" className="danger" disabled={busy} onClick={() => { setConfirmSale(false); void kill('sell_everything'); }}>{t('liveBot.sellYes')}</button>
            </>
          ) : <button type="button" className="danger" onClick={() => { setConfirmSale(true); }}>{t('liveBot.sell')}</button>}
        </div>
      ) : null}
      {bot.notices.length > 0 ? (
        <>
          <h4>{t('liveBot.recent')}</h4>
          <ul className="live-bot-notices">{bot.notices.slice(-8).map((notice, index) => <NoticeLine key={index} notice={notice} />)}</ul>
        </>
      ) : null}
    </section>
  );
}
