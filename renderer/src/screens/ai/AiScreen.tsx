import './ai.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrainingSource } from '#core/contract/index.ts';
import { formatLocalTime } from '../../frame/formatTime.ts';
import { LlmPanel } from './LlmPanel.tsx';
import { ModelCardPanel } from './ModelCardPanel.tsx';
import { useAiStore } from './aiStore.ts';

/** Which prices to train on: the demo market, or a file imported on the Paper trading screen. */
function TrainPanel() {
  const { t } = useTranslation();
  const overview = useAiStore((s) => s.overview);
  const files = useAiStore((s) => s.files);
  const busy = useAiStore((s) => s.busy);
  const [choice, setChoice] = useState('synthetic');
  if (overview === null) return null;
  const training = overview.training;
  const source: TrainingSource = choice === 'synthetic' ? { kind: 'synthetic', symbol: 'DEMO/USDT' } : { kind: 'imported', importId: choice };
  const running = training.phase === 'training';
  return (
    <section className="card" aria-label={t('ai.train.title')}>
      <h2>{t('ai.train.title')}</h2>
      <p>{t('ai.train.intro')}</p>
      <label>
        {t('ai.train.source')}
        <select value={choice} onChange={(event) => { setChoice(event.target.value); }} disabled={running}>
          <option value="synthetic">{t('ai.train.demo')}</option>
          {files.map((file) => <option key={file.importId} value={file.importId}>{t('ai.train.file', { name: file.fileName, symbol: file.symbol, timeframe: file.timeframe, bars: file.bars.toLocaleString('en-US') })}</option>)}
        </select>
      </label>
      <div className="ai-actions">
        <button type="button" disabled={busy || running} onClick={() => { void useAiStore.getState().train(source); }}>{t('ai.train.start')}</button>
        <button type="button" disabled={!running} onClick={() => { void useAiStore.getState().cancel(); }}>{t('ai.train.cancel')}</button>
      </div>
      {training.phase === 'idle' ? null : (
        <div role="status" aria-label={t('ai.train.progressLabel')}>
          {running ? <progress max={1} value={training.fraction} aria-label={t('ai.train.progressLabel')} /> : null}
          <p>{t(`ai.train.phase.${training.phase}`, { percent: Math.round(training.fraction * 100), stage: t(`ai.train.stage.${training.stage ?? 'features'}`, { defaultValue: training.stage ?? '' }) })}</p>
          {training.reason === null ? null : <p className="muted">{training.reason.text}</p>}
        </div>
      )}
      {choice === 'synthetic' ? <p className="muted">{t('ai.train.demoNote')}</p> : null}
    </section>
  );
}

function CandidatePanel() {
  const { t } = useTranslation();
  const overview = useAiStore((s) => s.overview);
  const comparison = useAiStore((s) => s.comparison);
  const files = useAiStore((s) => s.files);
  const busy = useAiStore((s) => s.busy);
  const [windowChoice, setWindowChoice] = useState('');
  const candidate = overview?.candidate ?? null;
  if (overview === null) return null;
  const window: TrainingSource | undefined = windowChoice === '' ? undefined : windowChoice === 'synthetic' ? { kind: 'synthetic', symbol: 'DEMO/USDT' } : { kind: 'imported', importId: windowChoice };
  return (
    <>
      {candidate === null ? null : (
        <>
          <ModelCardPanel card={candidate} title={t('ai.candidate.title')} />
          <section className="card" aria-label={t('ai.candidate.adoptTitle')}>
            <h2>{t('ai.candidate.adoptTitle')}</h2>
            <p>{overview.current === null ? t('ai.candidate.firstNote') : t('ai.candidate.compareNote')}</p>
            {overview.current === null ? null : (
              <label>
                {t('ai.candidate.window')}
                <select value={windowChoice} onChange={(event) => { setWindowChoice(event.target.value); }}>
                  <option value="">{t('ai.candidate.pickWindow')}</option>
                  <option value="synthetic">{t('ai.train.demo')}</option>
                  {files.map((file) => <option key={file.importId} value={file.importId}>{file.fileName}</option>)}
                </select>
              </label>
            )}
            <button type="button" disabled={busy} onClick={() => { void useAiStore.getState().adopt(candidate.fileHash, window); }}>
              {overview.current === null ? t('ai.candidate.useFirst') : t('ai.candidate.compareAndReplace')}
            </button>
          </section>
        </>
      )}
      {comparison === null ? null : <p role="status" className={comparison.replaced ? 'ok' : 'warn'}>{comparison.reason.text}</p>}
    </>
  );
}

function DriftPanel() {
  const { t } = useTranslation();
  const drift = useAiStore((s) => s.overview?.drift ?? null);
  return (
    <section className="card" aria-label={t('ai.drift.title')}>
      <h2>{t('ai.drift.title')}</h2>
      {drift === null ? <p className="muted">{t('ai.drift.none')}</p> : (
        <>
          <p>{t(`ai.drift.verdict.${drift.verdict}`)} <span className="muted">{t('ai.drift.checkedAt', { time: formatLocalTime(drift.checkedAtMs) })}</span></p>
          <table aria-label={t('ai.drift.title')}>
            <thead><tr><th scope="col">{t('ai.drift.feature')}</th><th scope="col">PSI</th><th scope="col">{t('ai.drift.threshold')}</th><th scope="col">KS</th><th scope="col">{t('ai.drift.level')}</th></tr></thead>
            <tbody>
              {drift.features.map((feature) => (
                <tr key={feature.name} data-level={feature.level}>
                  <th scope="row">{feature.name}</th><td>{feature.psi.toFixed(3)}</td><td>{feature.psiThreshold.toFixed(3)}</td><td>{feature.ks.toFixed(3)}</td><td>{t(`ai.drift.levels.${feature.level}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/**
 * The AI screen: train a model on this computer, read its card (including the plain "no reliable
 * edge" when that is the truth), let it filter the paper bot's entries, watch drift, and set up
 * the optional LLM second opinion with every call and verdict listed.
 */
export function AiScreen() {
  const { t } = useTranslation();
  const overview = useAiStore((s) => s.overview);
  const error = useAiStore((s) => s.error);
  const busy = useAiStore((s) => s.busy);
  useEffect(() => {
    void useAiStore.getState().load();
    return useAiStore.getState().subscribe();
  }, []);
  return (
    <div className="ai-screen">
      <h1>{t('ai.title')}</h1>
      <p>{t('ai.lead')}</p>
      {error === null ? null : <p role="alert" className="error">{error.message}</p>}
      <TrainPanel />
      {overview?.current === null || overview === null ? (
        <section className="card"><h2>{t('ai.current.title')}</h2><p className="muted">{t('ai.current.none')}</p></section>
      ) : (
        <>
          <ModelCardPanel card={overview.current} title={t('ai.current.title')} />
          <section className="card" aria-label={t('ai.filter.title')}>
            <h2>{t('ai.filter.title')}</h2>
            <p>{t('ai.filter.explain')}</p>
            <label className="ai-radio">
              <input type="checkbox" checked={overview.modelFilterOn} disabled={busy} onChange={(event) => { void useAiStore.getState().setFilter(event.target.checked); }} />
              {t('ai.filter.toggle')}
            </label>
            {overview.modelFilterOn && !overview.current.verdict.usableLive ? <p className="muted">{t('ai.filter.paperOnly')}</p> : null}
          </section>
        </>
      )}
      <CandidatePanel />
      {overview === null || overview.versions.length === 0 ? null : (
        <section className="card" aria-label={t('ai.versions.title')}>
          <h2>{t('ai.versions.title')}</h2>
          <table aria-label={t('ai.versions.title')}>
            <thead><tr><th scope="col">{t('ai.versions.trained')}</th><th scope="col">{t('ai.versions.source')}</th><th scope="col">{t('ai.card.brierSkillShort')}</th><th scope="col">{t('ai.versions.live')}</th><th scope="col">{t('ai.versions.hash')}</th></tr></thead>
            <tbody>
              {overview.versions.map((version) => (
                <tr key={version.fileHash}>
                  <td>{formatLocalTime(version.trainedAtMs)}{version.isCurrent ? ` · ${t('ai.versions.current')}` : ''}</td>
                  <td>{version.sourceLabel}</td>
                  <td>{version.brierSkill.toFixed(4)}</td>
                  <td>{version.usableLive ? t('ai.versions.yes') : t('ai.versions.paperOnly')}</td>
                  <td><code>{version.fileHash.slice(0, 12)}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <DriftPanel />
      {overview === null ? null : <LlmPanel />}
    </div>
  );
}
