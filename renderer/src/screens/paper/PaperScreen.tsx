import './paper.css';
import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { botIsUnderWay, type BotConfig } from '#core/contract/index.ts';
import { useAppStore } from '../../store/appStore.ts';
import { useBotStore } from '../../store/botStore.ts';
import { ReplayImport } from './ReplayImport.tsx';

const SPEEDS = [10, 100, 1_000, 100_000] as const;
const EXCHANGES = [['binance', 'Binance'], ['kraken', 'Kraken'], ['okx', 'OKX'], ['bybit', 'Bybit'], ['kucoin', 'KuCoin'], ['coinbase', 'Coinbase'], ['bitget', 'Bitget']] as const;
type ExchangeChoice = (typeof EXCHANGES)[number][0];
const TIMEFRAMES = ['1m', '5m', '15m', '1h'] as const;
type TimeframeChoice = (typeof TIMEFRAMES)[number];

/** Start a paper bot: market, strategy, speed, pretend starting money. */
export function PaperScreen() {
  const { t } = useTranslation();
  const ids = useId();
  const { strategies, replayFiles, busy, error } = useBotStore();
  const { loadCatalogue, refresh, start } = useBotStore.getState();
  const show = useAppStore((s) => s.show);
  const [sourceKind, setSourceKind] = useState<'synthetic' | 'imported' | 'exchange'>('synthetic');
  const [exchangeId, setExchangeId] = useState<ExchangeChoice>('binance');
  const [liveSymbol, setLiveSymbol] = useState('BTC/USDT');
  const [liveTimeframe, setLiveTimeframe] = useState<TimeframeChoice>('15m');
  const [importId, setImportId] = useState('');
  const [strategyId, setStrategyId] = useState<BotConfig['strategyId']>('trend-follower');
  const [barsPerSecond, setBarsPerSecond] = useState<number>(1_000);
  const [startingBalance, setStartingBalance] = useState('10000');
  const [autoLeaveSafeMode, setAutoLeaveSafeMode] = useState(false);

  useEffect(() => {
    void loadCatalogue();
    void refresh();
  }, [loadCatalogue, refresh]);

  const chosenFile = replayFiles.find((file) => file.importId === importId) ?? replayFiles.at(-1);
  const symbol = sourceKind === 'synthetic' ? 'DEMO/USDT' : sourceKind === 'exchange' ? liveSymbol.trim().toUpperCase() : (chosenFile?.symbol ?? '');
  const quoteAsset = symbol.split('/')[1] ?? 'USDT';
  const bot = useAppStore((s) => s.botStatus);
  const running = bot !== null && botIsUnderWay(bot.phase);

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sourceKind === 'imported' && !chosenFile) return;
    const config: BotConfig = {
      source:
        sourceKind === 'synthetic'
          ? { kind: 'synthetic' }
          : sourceKind === 'exchange'
            ? { kind: 'exchange', exchangeId, timeframe: liveTimeframe }
            : { kind: 'imported', importId: chosenFile?.importId ?? '' },
      symbol,
      strategyId,
      barsPerSecond,
      startingBalanceQuote: Number(startingBalance),
      leaveSafeModeAutomatically: autoLeaveSafeMode,
    };
    void start(config).then((started) => {
      if (started) show('dashboard');
    });
  };

  return (
    <section className="screen" aria-labelledby="screen-paper">
      <h1 id="screen-paper">{t('paper.title')}</h1>
      <p className="lead">{t('paper.lead')}</p>
      <p className="lead note">{t('paper.keepAwake')}</p>
      {running ? (
        <div className="card running-card" role="status">
          <p>{t('paper.running', { market: bot.marketLabel })}</p>
          <div className="row">
            <button type="button" className="primary" onClick={() => { show('dashboard'); }}>{t('paper.openDashboard')}</button>
            <small className="muted">{t('paper.stopAbove')}</small>
          </div>
        </div>
      ) : null}
      <form className="card form" onSubmit={submit} aria-label={t('paper.formLabel')}>
        <fieldset>
          <legend>{t('paper.market')}</legend>
          <label className="choice">
            <input type="radio" name={`${ids}-source`} checked={sourceKind === 'synthetic'} onChange={() => { setSourceKind('synthetic'); }} />
            <span>
              <strong>{t('paper.synthetic')}</strong>
              <small>{t('paper.syntheticHint')}</small>
            </span>
          </label>
          <label className="choice">
            <input type="radio" name={`${ids}-source`} checked={sourceKind === 'imported'} onChange={() => { setSourceKind('imported'); }} />
            <span>
              <strong>{t('paper.imported')}</strong>
              <small>{t('paper.importedHint')}</small>
            </span>
          </label>
          <label className="choice">
            <input type="radio" name={`${ids}-source`} checked={sourceKind === 'exchange'} onChange={() => { setSourceKind('exchange'); }} />
            <span>
              <strong>{t('paper.live')}</strong>
              <small>{t('paper.liveHint')}</small>
            </span>
          </label>
          {sourceKind === 'exchange' ? (
            <div className="nested grid-3">
              <label className="field">
                <span>{t('paper.exchange')}</span>
                <select aria-label={t('paper.exchange')} value={exchangeId} onChange={(event) => { setExchangeId(event.target.value as ExchangeChoice); }}>
                  {EXCHANGES.map(([id, name]) => <option key={id} value={id}>{name}</option>)}
                </select>
              </label>
              <label className="field">
                <span>{t('paper.liveSymbol')}</span>
                <input type="text" value={liveSymbol} onChange={(event) => { setLiveSymbol(event.target.value); }} spellCheck={false} />
              </label>
              <label className="field">
                <span>{t('paper.barLength')}</span>
                <select aria-label={t('paper.barLength')} value={liveTimeframe} onChange={(event) => { setLiveTimeframe(event.target.value as TimeframeChoice); }}>
                  {TIMEFRAMES.map((timeframe) => <option key={timeframe} value={timeframe}>{t(`paper.bars_${timeframe}`)}</option>)}
                </select>
              </label>
            </div>
          ) : null}
          {sourceKind === 'imported' ? (
            <div className="nested">
              <ReplayImport onImported={(file) => { setImportId(file.importId); }} />
              {replayFiles.length > 0 ? (
                <label className="field">
                  <span>{t('paper.chooseFile')}</span>
                  <select value={chosenFile?.importId ?? ''} onChange={(event) => { setImportId(event.target.value); }}>
                    {replayFiles.map((file) => (
                      <option key={file.importId} value={file.importId}>
                        {t('paper.fileOption', { name: file.fileName, symbol: file.symbol, bars: file.bars.toLocaleString() })}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null}
            </div>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>{t('paper.strategy')}</legend>
          {strategies.map((strategy) => (
            <label className="choice" key={strategy.id}>
              <input type="radio" name={`${ids}-strategy`} checked={strategyId === strategy.id} onChange={() => { setStrategyId(strategy.id); }} />
              <span>
                <strong>{strategy.name}</strong>
                <small>{strategy.summary}</small>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="grid-2">
          <label className="field">
            <span>{t('paper.speed')}</span>
            <select value={barsPerSecond} disabled={sourceKind === 'exchange'} onChange={(event) => { setBarsPerSecond(Number(event.target.value)); }}>
              {SPEEDS.map((speed) => (
                <option key={speed} value={speed}>{t(`paper.speed_${speed}`)}</option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('paper.startingBalance', { asset: quoteAsset })}</span>
            <input type="number" min="10" step="1" inputMode="decimal" value={startingBalance} onChange={(event) => { setStartingBalance(event.target.value); }} />
          </label>
        </div>
        <label className="choice">
          <input type="checkbox" checked={autoLeaveSafeMode} onChange={(event) => { setAutoLeaveSafeMode(event.target.checked); }} />
          <span>
            <strong>{t('paper.autoLeaveSafeMode')}</strong>
            <small>{t('paper.autoLeaveSafeModeHint')}</small>
          </span>
        </label>
        {error ? <p role="alert" className="error">{error.message}</p> : null}
        <div className="row">
          <button type="submit" className="primary" disabled={busy || running || (sourceKind === 'imported' && !chosenFile)}>
            {t('paper.start')}
          </button>
          <small className="muted">{t('paper.startHint')}</small>
        </div>
      </form>
    </section>
  );
}
