import { useTranslation } from 'react-i18next';
import type { ForecastScoresView, ModelCardView } from '#core/contract/index.ts';
import { formatLocalTime } from '../../frame/formatTime.ts';

const pct = (value: number, digits = 1): string => `${(value * 100).toFixed(digits)}%`;
const fixed = (value: number, digits = 3): string => (Number.isFinite(value) ? value.toFixed(digits) : '—');

/** Predicted chance against how often trades really worked, per bin: a calibrated model lies on the diagonal. */
function ReliabilityChart({ card }: { card: ModelCardView }) {
  const { t } = useTranslation();
  const size = 180;
  const at = (value: number): number => 10 + value * (size - 20);
  return (
    <figure className="ai-reliability">
      <svg width={size} height={size} role="img" aria-label={t('ai.card.reliabilityLabel')}>
        <rect x={10} y={10} width={size - 20} height={size - 20} className="ai-chart-frame" />
        <line x1={at(0)} y1={at(1)} x2={at(1)} y2={at(0)} className="ai-chart-diagonal" />
        {card.reliability.map((bin) => (
          <circle key={bin.meanPredicted} cx={at(bin.meanPredicted)} cy={size - at(bin.observedRate)} r={Math.min(8, 2 + Math.sqrt(bin.count) / 6)} className="ai-chart-point" />
        ))}
      </svg>
      <figcaption className="muted">{t('ai.card.reliabilityCaption')}</figcaption>
    </figure>
  );
}

function ScoresRow({ label, scores }: { label: string; scores: ForecastScoresView }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{scores.samples.toLocaleString('en-US')}</td>
      {/* No samples in this regime: its scores mean nothing. */}
      <td>{scores.samples === 0 ? '—' : pct(scores.baseRate)}</td>
      <td>{scores.samples === 0 ? '—' : fixed(scores.brierSkill, 4)}</td>
      <td>{scores.samples === 0 ? '—' : fixed(scores.auc)}</td>
    </tr>
  );
}

/** The model card: what it was trained on, how it forecast on data it never saw, and whether it may trade live. */
export function ModelCardPanel({ card, title }: { card: ModelCardView; title: string }) {
  const { t } = useTranslation();
  const { outOfSample } = card;
  return (
    <section className="card ai-card" aria-label={title}>
      <h2>{title}</h2>
      <p className={card.verdict.usableLive ? 'ai-verdict ok' : 'ai-verdict warn'} role="note">
        <strong>{card.verdict.usableLive ? t('ai.card.usableLive') : t('ai.card.noReliableEdge')}</strong>{' '}
        {card.verdict.reasons.map((reason) => reason.text).join(' ')}
      </p>
      <dl className="ai-facts">
        <dt>{t('ai.card.trainedOn')}</dt>
        <dd>{card.sourceLabel} · {card.symbol} · {card.timeframe}</dd>
        <dt>{t('ai.card.window')}</dt>
        <dd>{t('ai.card.windowValue', { from: formatLocalTime(card.trainingWindow.fromMs), to: formatLocalTime(card.trainingWindow.toMs), bars: card.trainingWindow.bars.toLocaleString('en-US'), samples: card.trainingWindow.samples.toLocaleString('en-US') })}</dd>
        <dt>{t('ai.card.kind')}</dt>
        <dd>{t(`ai.kind.${card.modelKind}`)}</dd>
        <dt>{t('ai.card.validation')}</dt>
        <dd>{t('ai.card.validationValue', { folds: card.validation.folds, embargo: card.validation.embargoBars })}</dd>
        <dt>{t('ai.card.labels')}</dt>
        <dd>{t('ai.card.labelsValue', { tp: card.labels.takeProfitAtr, stop: card.labels.stopAtr, horizon: card.labels.horizonBars, costs: pct(2 * (card.labels.feeRate + card.labels.slippageRate), 2) })}</dd>
        <dt>{t('ai.card.dataHash')}</dt>
        <dd><code>{card.dataHash.slice(0, 16)}…</code></dd>
        <dt>{t('ai.card.modelHash')}</dt>
        <dd><code>{card.modelHash.slice(0, 16)}…</code></dd>
        <dt>{t('ai.card.brierSkill')}</dt>
        <dd data-testid="brier-skill">{fixed(outOfSample.brierSkill, 4)} {t('ai.card.brierSkillNote', { brier: fixed(outOfSample.brier, 4), reference: fixed(outOfSample.brierReference, 4) })}</dd>
        <dt>{t('ai.card.tradingResult')}</dt>
        <dd>{card.tradingResult === null ? t('ai.card.notMeasured') : t('ai.card.tradingResultValue', { result: card.tradingResult.returnPct.toFixed(2), hold: card.tradingResult.buyAndHoldReturnPct.toFixed(2), trades: card.tradingResult.trades })}</dd>
        <dt>{t('ai.card.deflatedSharpe')}</dt>
        <dd>{card.deflatedSharpe === null ? t('ai.card.notMeasured') : fixed(card.deflatedSharpe, 3)}</dd>
      </dl>
      <div className="ai-card-row">
        <ReliabilityChart card={card} />
        <table aria-label={t('ai.card.scoresLabel')}>
          <caption>{t('ai.card.scoresCaption')}</caption>
          <thead>
            <tr><th scope="col">{t('ai.card.part')}</th><th scope="col">{t('ai.card.samples')}</th><th scope="col">{t('ai.card.baseRate')}</th><th scope="col">{t('ai.card.brierSkillShort')}</th><th scope="col">AUC</th></tr>
          </thead>
          <tbody>
            <ScoresRow label={t('ai.card.allOutOfSample')} scores={outOfSample} />
            {card.regimes.map((regime) => <ScoresRow key={regime.regime} label={t(`ai.regime.${regime.regime}`, { defaultValue: regime.regime })} scores={regime} />)}
            {card.candidates.filter((candidate) => candidate.kind !== card.modelKind).map((candidate) => (
              <ScoresRow key={candidate.kind} label={t('ai.card.candidate', { kind: t(`ai.kind.${candidate.kind}`) })} scores={candidate} />
            ))}
          </tbody>
        </table>
      </div>
      <details>
        <summary>{t('ai.card.features', { count: card.features.length })}</summary>
        <p className="muted">{card.features.join(', ')}</p>
      </details>
    </section>
  );
}
