import type { BacktestResultView } from '../../contract/index.ts';

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
const num = (value: number | null, digits = 2): string => (value === null ? '—' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const utc = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MAX_TRADE_ROWS = 1_000;

function sampleWords(sample: BacktestResultView['sample']): string {
  return sample === 'in-sample'
    ? 'In-sample: these settings may have been chosen on this very history, so these figures flatter the strategy. A walk-forward test shows how it does on history it was not tuned on.'
    : 'Out-of-sample: every figure comes from bars no setting was chosen on (the walk-forward test windows, chained).';
}

/** Equity against buy-and-hold as a small inline chart, so the file needs nothing else to open. */
function equitySvg(points: BacktestResultView['equity']): string {
  if (points.length < 2) return '';
  const width = 900;
  const height = 240;
  const values = points.flatMap((point) => [point.equityQuote, point.buyAndHoldQuote]);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = high - low || 1;
  const first = (points[0] as (typeof points)[number]).timeMs;
  const last = (points[points.length - 1] as (typeof points)[number]).timeMs;
  const x = (t: number): string => (((t - first) / (last - first || 1)) * width).toFixed(1);
  const y = (v: number): string => (height - ((v - low) / span) * height).toFixed(1);
  const line = (pick: (point: (typeof points)[number]) => number): string => points.map((point) => `${x(point.timeMs)},${y(pick(point))}`).join(' ');
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="Equity against buy-and-hold">
<polyline fill="none" stroke="#9aa7b4" stroke-dasharray="4 3" points="${line((p) => p.buyAndHoldQuote)}"/>
<polyline fill="none" stroke="#1f6feb" stroke-width="2" points="${line((p) => p.equityQuote)}"/>
</svg>
<p class="legend"><span style="color:#1f6feb">━ strategy</span> · <span style="color:#6e7781">┄ buy and hold (same fees, same start)</span> · from ${num(low)} to ${num(high)}</p>`;
}

/** The report as one self-contained web page: what was tested, how, and every figure with its sample. */
export function backtestReportHtml(view: BacktestResultView): string {
  const { settings, data } = view;
  const parameters = Object.entries(settings.parameters).map(([name, value]) => `${name}=${value}`).join(', ') || 'no settings';
  const statistics = view.statistics.map((row) => `<tr><th>${escape(row.name)}</th><td>${escape(row.value === null ? '—' : typeof row.value === 'number' ? num(row.value, 4) : row.value)}</td></tr>`).join('\n');
  const costs = view.costs
    .map((c) => `<tr><td>${c.multiple}×</td><td>${num(c.returnPercent)} %</td><td>${num(c.sharpeRatio)}</td><td>${num(c.equityFinalQuote)}</td><td>${c.trades}</td><td>${num(c.feesQuote)}</td><td>${num(c.slippageQuote)}</td></tr>`)
    .join('\n');
  const monthly = view.monthly.map((m) => `<tr><td>${m.year} ${MONTHS[m.month - 1] ?? ''}</td><td>${num(m.returnPercent)} %</td></tr>`).join('\n');
  const overfitting =
    view.overfitting === null
      ? `<p>${view.mode === 'single' ? 'Only one combination of settings was tested, so this result was not picked out of many.' : 'No overfitting statistics for this run.'}</p>`
      : `<p>${view.overfitting.trials} combinations tried.</p>${view.overfitting.explanations.map((e) => `<p>${escape(e.text)}</p>`).join('\n')}`;
  const folds =
    view.folds.length === 0
      ? ''
      : `<h2>Walk-forward windows</h2><table><tr><th>Window</th><th>Tested on (UTC)</th><th>Chosen settings</th><th>In-sample Sharpe</th><th>Out-of-sample return</th><th>Trades</th></tr>${view.folds
          .map((f) => `<tr><td>${f.fold}</td><td>${utc(f.testFromMs)} – ${utc(f.testToMs)}</td><td>${escape(Object.entries(f.parameters).map(([k, v]) => `${k}=${v}`).join(', '))}</td><td>${num(f.inSampleSharpe)}</td><td>${num(f.outOfSampleReturnPercent)} %</td><td>${f.trades}</td></tr>`)
          .join('\n')}</table>`;
  const trades = view.trades
    .slice(0, MAX_TRADE_ROWS)
    .map((t) => `<tr><td>${utc(t.entryTimeMs)}</td><td>${utc(t.exitTimeMs)}</td><td>${num(t.entryPrice)}</td><td>${num(t.exitPrice)}</td><td>${t.size}</td><td>${num(t.pnlQuote)}</td><td>${num(t.returnPercent)} %</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ballast backtest: ${escape(settings.strategy)} on ${escape(data.symbol)}</title>
<style>body{font:14px system-ui,sans-serif;max-width:960px;margin:2em auto;color:#1f2328}table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #d0d7de;padding:3px 8px;text-align:left}.sample{background:#fff8c5;border:1px solid #d4a72c;padding:.6em}.legend{color:#57606a}</style></head>
<body>
<h1>Backtest: ${escape(settings.strategy)} (${escape(parameters)}) on ${escape(data.label)}</h1>
<p class="sample"><strong>${view.sample === 'in-sample' ? 'In-sample' : 'Out-of-sample'}.</strong> ${escape(sampleWords(view.sample))}</p>
${data.synthetic ? '<p><strong>Generated prices:</strong> a result on them proves nothing about a real market.</p>' : ''}
<p>Mode: ${view.mode}. Fills: ${settings.fill}. Risk limits: on (the defaults paper trading uses). Starting cash ${num(settings.cashQuote)} ${escape(settings.quote)}, ${num(settings.sizeFraction * 100)} % of equity per entry, fees ${num(settings.takerFeeRate * 100, 3)} %, slippage ${num(settings.slippage * 100, 3)} %. Figures are after fees and slippage.</p>
${data.notes.map((note) => `<p>${escape(note)}</p>`).join('\n')}
<h2>Equity against buy-and-hold</h2>
${equitySvg(view.equity)}
<h2>Statistics (${view.sample})</h2>
<table>${statistics}</table>
<h2>At other costs (${view.sample})</h2>
<table><tr><th>Costs</th><th>Return</th><th>Sharpe ratio</th><th>Final equity (${escape(settings.quote)})</th><th>Trades</th><th>Fees</th><th>Slippage</th></tr>${costs}</table>
<h2>Could this be luck?</h2>
${overfitting}
${folds}
<h2>Monthly returns (${view.sample})</h2>
<table><tr><th>Month (UTC)</th><th>Return</th></tr>${monthly}</table>
<h2>Trades (${view.trades.length < view.tradesTotal || view.tradesTotal > MAX_TRADE_ROWS ? `first ${Math.min(view.trades.length, MAX_TRADE_ROWS)} of ${view.tradesTotal}` : `${view.tradesTotal}`})</h2>
<table><tr><th>Entry (UTC)</th><th>Exit (UTC)</th><th>Entry price</th><th>Exit price</th><th>Size</th><th>Profit or loss</th><th>Return</th></tr>${trades}</table>
<p>${view.timing.bars.toLocaleString('en-US')} bars in ${num(view.timing.seconds, 3)} s. Fingerprint (the same settings on the same data give the same one): <code>${escape(view.fingerprint)}</code></p>
</body></html>
`;
}
