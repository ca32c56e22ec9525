import { alertMessages } from '../messages.ts';
import { escapeHtml, fillTemplate, type ReaderContext } from '../template.ts';
import type { WeeklyReview } from './weeklyReview.ts';

const words = alertMessages.review;
const STYLE =
  'body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2933;max-width:760px;margin:0 auto;padding:16px}' +
  'h1{font-size:22px}h2{font-size:17px;margin-top:24px}table{border-collapse:collapse;width:100%}' +
  'th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #d9e2ec}td.n,th.n{text-align:right}.muted{color:#52606d;font-size:13px}';

const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const bps = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function paragraph(text: string, className?: string): string {
  return `<p${className === undefined ? '' : ` class="${className}"`}>${escapeHtml(text)}</p>`;
}

function list(lines: readonly string[]): string {
  return `<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`;
}

function executionSection(review: WeeklyReview, reader: ReaderContext): string {
  const totals = review.execution;
  const quote = review.quoteAsset;
  const rows: [string, number][] = [
    [words.costDelay, totals.delayQuote],
    [words.costSpread, totals.spreadQuote],
    [words.costExecution, totals.executionQuote],
    [words.costFees, totals.feesQuote],
    [words.costTotalRow, totals.totalQuote],
  ];
  const table =
    `<table><thead><tr><th></th><th class="n">${escapeHtml(fillTemplate(words.costColumnQuote, { quoteAsset: quote }, reader))}</th>` +
    `<th class="n">${escapeHtml(words.costColumnBps)}</th></tr></thead><tbody>` +
    rows
      .map(([label, value]) => {
        const share = totals.notionalQuote > 0 ? (value / totals.notionalQuote) * 10_000 : 0;
        return `<tr><td>${escapeHtml(label)}</td><td class="n">${money.format(value)}</td><td class="n">${bps.format(share)}</td></tr>`;
      })
      .join('') +
    '</tbody></table>';
  const worst = review.worstOrders.map(
    (cost) => `${cost.symbol} ${cost.side} (${cost.mode}, ${cost.strategy}): ${money.format(cost.totalQuote)} ${quote}, ${bps.format(cost.totalBps)} bps`,
  );
  return (
    `<h2>${escapeHtml(words.executionHeading)}</h2>${paragraph(words.executionIntro, 'muted')}` +
    paragraph(fillTemplate(words.ordersLine, { orders: totals.orders, notionalQuote: totals.notionalQuote, quoteAsset: quote }, reader)) +
    paragraph(fillTemplate(words.costTotal, { costQuote: totals.totalQuote, costBps: totals.totalBps, quoteAsset: quote }, reader)) +
    table +
    (totals.ordersWithoutSpread > 0 ? paragraph(fillTemplate(words.costUnknownSpread, { orders: totals.ordersWithoutSpread }, reader), 'muted') : '') +
    (worst.length > 0 ? `<h2>${escapeHtml(words.worstHeading)}</h2>${list(worst)}` : '')
  );
}

function section(heading: string, lines: readonly string[], none: string): string {
  return `<h2>${escapeHtml(heading)}</h2>${lines.length === 0 ? paragraph(none) : list(lines)}`;
}

/**
 * The review as one self-contained HTML page: every text escaped, styles inline, no scripts,
 * images, fonts or links to load, so it can be saved, emailed and opened anywhere.
 */
export function weeklyReviewHtml(review: WeeklyReview, reader: ReaderContext): string {
  const fill = (template: string, params: Record<string, string | number | null>): string => fillTemplate(template, params, reader);
  const stops = review.stops.positions === 0 ? [] : [fill(words.stopsLine, { ...review.stops })];
  const drift = review.drift.checks === 0 ? [] : [fill(words.driftLine, { ...review.drift, worstFeature: review.drift.worstFeature ?? '—' })];
  const body = [
    `<h1>${escapeHtml(words.title)}</h1>`,
    paragraph(fill(words.period, { fromMs: review.fromMs, toMs: review.toMs }), 'muted'),
    executionSection(review, reader),
    section(words.rejectionsHeading, review.rejections.map((group) => fill(words.rejectionLine, { ...group })), words.rejectionsNone),
    section(words.errorsHeading, review.errors.map((group) => fill(words.errorLine, { ...group })), words.errorsNone),
    section(words.stopsHeading, stops, words.stopsNone),
    section(words.liveVsPaperHeading, review.liveVsPaper.map((row) => fill(words.liveVsPaperLine, { ...row })), words.liveVsPaperNone),
    section(words.driftHeading, drift, words.driftNone),
    section(words.keysHeading, review.keys.map((key) => fill(key.overdue ? words.keyLineOverdue : words.keyLine, { keyLabel: key.label, exchange: key.exchange, ageDays: key.ageDays, daysLeft: key.daysLeft })), words.keysNone),
    paragraph(words.footer, 'muted'),
  ].join('\n');
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${escapeHtml(words.title)}</title><style>${STYLE}</style></head>\n<body>\n${body}\n</body></html>\n`;
}
