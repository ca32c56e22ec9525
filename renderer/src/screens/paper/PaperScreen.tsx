import './paper.css';
import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { botIsUnderWay, type BotConfig } from '#core/contract/index.ts';
import { EXCHANGE_IDS, EXCHANGE_NAMES, isMarketSymbol, splitMarketSymbol } from '#core/model/index.ts';
import { useAppStore } from '../../store/appStore.ts';
import { useBotStore } from '../../store/botStore.ts';
import { ReplayImport } from './ReplayImport.tsx';
import { SPEEDS, TIMEFRAMES, usePaperForm, type ExchangeChoice, type PaperForm, type TimeframeChoice } from './paperFormStore.ts';

/** Starting money a paper account may have, in the quote currency (the contract's bounds). */
const MIN_STARTING = 10;
const MAX_STARTING = 10_000_000;

/** Start a paper bot: market, strategy, speed, pretend starting money. */
export function PaperScreen() {
  const { t } = useTranslation();
  const ids = useId();
  const { strategies, replayFiles, busy, error } = useBotStore();
  const { loadCatalogue, refresh, start, clearError } = useBotStore.getState();
  const show = useAppStore((s) => s.show);
  const form = usePaperForm();
  const { change } = form;
  const [formProblem, setFormProblem] = useState<string | null>(null);

  useEffect(() => {
    // A refusal from an earlier visit (say, no trained model then) may no longer hold.
    clearError();
    void loadCatalogue();
    void refresh();
  }, [loadCatalogue, refresh, clearError]);

  const { sourceKind } = form;
  const chosenFile = replayFiles.find((file) => file.importId === form.importId) ?? replayFiles.at(-1);
  const symbol = sourceKind === 'synthetic' ? 'DEMO/USDT' : sourceKind === 'exchange' ? form.liveSymbol.trim().toUpperCase() : (chosenFile?.symbol ?? '');
  const quoteAsset = splitMarketSymbol(symbol).quote || 'USDT';
  const bot = useAppStore((s) => s.botStatus);
  const running = bot !== null && botIsUnderWay(bot.phase);
  const edit = (patch: Partial<PaperForm>) => {
    setFormProblem(null);
    clearError();
    change(patch);
  };

  /** The form's own checks, in words, before anything is sent. */
  const problemWithForm = (): string | null => {
    if (sourceKind === 'exchange' && !isMarketSymbol(symbol)) return t('paper.badLiveSymbol');
    const balance = Number(form.startingBalance.replace(',', '.'));
    if (form.startingBalance.trim() === '' || !Number.isFinite(balance) || balance < MIN_STARTING || balance > MAX_STARTING) {
      return t('paper.badStartingBalance', { min: MIN_STARTING.toLocaleString(), max: MAX_STARTING.toLocaleString(), asset: quoteAsset });
    }
    return null;
  };

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sourceKind === 'imported' && !chosenFile) return;
    const problem = problemWithForm();
    setFormProblem(problem);
    if (problem !== null) return;
    const config: BotConfig = {
      source:
        sourceKind === 'synthetic'
          ? { kind: 'synthetic' }
          : sourceKind === 'exchange'
            ? { kind: 'exchange', exchangeId: form.exchangeId, timeframe: form.liveTimeframe }
            : { kind: 'imported', importId: chosenFile?.importId ?? '' },
      symbol,
      strategyId: form.strategyId,
      barsPerSecond: form.barsPerSecond,
      startingBalanceQuote: Number(form.startingBalance.replace(',', '.')),
      leaveSafeModeAutomatically: sourceKind !== 'exchange' && form.autoLeaveSafeMode,
    };
    void start(config).then((started) => {
      if (started) show('dashboard');
    });
  };
  const shownError = formProblem ?? (error === null ? null : error.code === 'INVALID_INPUT' ? t('paper.startUnreadable') : error.message);

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
      <form className="card form" noValidate onSubmit={submit} aria-label={t('paper.formLabel')}>
        <fieldset>
          <legend>{t('paper.market')}</legend>
          <label className="choice">
            <input type="radio" name={`${ids}-source`} checked={sourceKind === 'synthetic'} onChange={() => { edit({ sourceKind: 'synthetic' }); }} />
            <span>
              <strong>{t('paper.synthetic')}</strong>
              <small>{t('paper.syntheticHint')}</small>
            </span>
          </label>
          <label className="choice">
            <input type="radio" name={`${ids}-source`} checked={sourceKind === 'imported'} onChange={() => { edit({ sourceKind: 'imported' }); }} />
            <span>
              <strong>{t('paper.imported')}</strong>
              <small>{t('paper.importedHint')}</small>
            </span>
          </label>
          <label className="choice">
            <input type="radio" name={`${ids}-source`} checked={sourceKind === 'exchange'} onChange={() => { edit({ sourceKind: 'exchange' }); }} />
            <span>
              <strong>{t('paper.live')}</strong>
              <small>{t('paper.liveHint')}</small>
            </span>
          </label>
          {sourceKind === 'exchange' ? (
            <div className="nested grid-3">
              <label className="field">
                <span>{t('paper.exchange')}</span>
                <select aria-label={t('paper.exchange')} value={form.exchangeId} onChange={(event) => { edit({ exchangeId: event.target.value as ExchangeChoice }); }}>
                  {EXCHANGE_IDS.map((id) => <option key={id} value={id}>{EXCHANGE_NAMES[id]}</option>)}
                </select>
              </label>
              <label className="field">
                <span>{t('paper.liveSymbol')}</span>
                <input type="text" value={form.liveSymbol} onChange={(event) => { edit({ liveSymbol: event.target.value }); }} spellCheck={false} />
              </label>
              <label className="field">
                <span>{t('paper.barLength')}</span>
                <select aria-label={t('paper.barLength')} value={form.liveTimeframe} onChange={(event) => { edit({ liveTimeframe: event.target.value as TimeframeChoice }); }}>
                  {TIMEFRAMES.map((timeframe) => <option key={timeframe} value={timeframe}>{t(`paper.bars_${timeframe}`)}</option>)}
                </select>
              </label>
            </div>
          ) : null}
          {sourceKind === 'imported' ? (
            <div className="nested">
              <ReplayImport symbol={form.importSymbol} onSymbolChange={(importSymbol) => { edit({ importSymbol }); }} onImported={(file) => { edit({ importId: file.importId }); }} />
              {replayFiles.length > 0 ? (
                <label className="field">
                  <span>{t('paper.chooseFile')}</span>
                  <select value={chosenFile?.importId ?? ''} onChange={(event) => { edit({ importId: event.target.value }); }}>
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
              <input type="radio" name={`${ids}-strategy`} checked={form.strategyId === strategy.id} onChange={() => { edit({ strategyId: strategy.id }); }} />
              <span>
                <strong>{strategy.name}</strong>
                <small>{strategy.summary}</small>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="grid-2">
          {sourceKind === 'exchange' ? (
            <p className="muted">{t('paper.liveSpeed')}</p>
          ) : (
            <label className="field">
              <span>{t('paper.speed')}</span>
              <select value={form.barsPerSecond} onChange={(event) => { edit({ barsPerSecond: Number(event.target.value) }); }}>
                {SPEEDS.map((speed) => (
                  <option key={speed} value={speed}>{t(`paper.speed_${String(speed)}`)}</option>
                ))}
              </select>
            </label>
          )}
          <label className="field">
            <span>{t('paper.startingBalance', { asset: quoteAsset })}</span>
            {/* Plain text: the form's own check explains a wrong value in words, not the browser's. */}
            <input type="text" inputMode="decimal" value={form.startingBalance} onChange={(event) => { edit({ startingBalance: event.target.value }); }} />
          </label>
        </div>
        {sourceKind === 'exchange' ? null : (
          <label className="choice">
            <input type="checkbox" checked={form.autoLeaveSafeMode} onChange={(event) => { edit({ autoLeaveSafeMode: event.target.checked }); }} />
            <span>
              <strong>{t('paper.autoLeaveSafeMode')}</strong>
              <small>{t('paper.autoLeaveSafeModeHint')}</small>
            </span>
          </label>
        )}
        {shownError ? <p role="alert" className="error">{shownError}</p> : null}
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
