import { EXCHANGE_NAMES } from '../exchangeId.ts';
import { CHECKLIST_QUESTIONS } from './checklistQuestions.ts';
import { englishTranslate, type FormatOptions, type Translate } from './messageFormat.ts';
import type { ClaimMatch } from './scanClaims.ts';
import type { ServiceCheckReport } from './serviceCheckReport.ts';
import type { FindingSeverity, Reason, ServiceVerdict } from './serviceVerdict.ts';

export interface HtmlExportOptions extends FormatOptions {
  /** Words for each code; default the English templates of messages.ts. */
  readonly translate?: Translate;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every text that goes into the page passes through here: service names and pasted text are untrusted. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const VERDICT_CODES: Readonly<Record<ServiceVerdict, string>> = {
  red_flags: 'VERDICT_RED_FLAGS', could_not_confirm: 'VERDICT_COULD_NOT_CONFIRM', no_red_flags_found: 'VERDICT_NO_RED_FLAGS_FOUND',
};
const SEVERITY_CODES: Readonly<Record<FindingSeverity, string>> = {
  red_flag: 'SEVERITY_RED_FLAG', not_confirmed: 'SEVERITY_NOT_CONFIRMED', caution: 'SEVERITY_CAUTION', green: 'SEVERITY_GREEN', info: 'SEVERITY_INFO',
};

/** No scripts, no fetches, no fonts: the file shows the same offline, years from now. */
const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{margin-bottom:.25rem}.verdict{border-left:.5rem solid;padding:.5rem 1rem;margin:1rem 0}
.verdict-red_flags{border-color:#b00020;background:#fdecee}.verdict-could_not_confirm{border-color:#a06000;background:#fff4e0}
.verdict-no_red_flags_found{border-color:#2e6b30;background:#eef6ee}.tag{font-weight:600;margin-right:.5rem}
.sev-red_flag .tag{color:#b00020}.sev-not_confirmed .tag{color:#a06000}.sev-caution .tag{color:#7a5a00}.sev-green .tag{color:#2e6b30}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top;text-align:left}
mark{background:#ffd6d6}.claims{white-space:pre-wrap;border:1px solid #ccc;padding:.75rem}footer{margin-top:2rem;color:#555;font-size:.9rem}`;

function reasonItem(t: Translate, reason: Reason): string {
  const quote = typeof reason.params['text'] === 'string' ? `<q>${escapeHtml(reason.params['text'])}</q> ` : '';
  const label = t(SEVERITY_CODES[reason.severity], {});
  const text = t(reason.code, reason.params);
  // Many messages already open with their label ("Red flag: they asked ..."); say it once.
  const tag = text.startsWith(label) ? '' : `<span class="tag">${escapeHtml(label)}</span>`;
  return `<li class="sev-${reason.severity}">${tag}${quote}${escapeHtml(text)}</li>`;
}

function checklistTable(t: Translate, report: ServiceCheckReport): string {
  const rows = CHECKLIST_QUESTIONS.map((question) => {
    const option = question.options.find((o) => o.id === report.checklist.answers[question.id]);
    const reason = report.checklist.reasons.find((r) => r.params['question'] === question.id);
    const answer = option === undefined ? t('REPORT_NOT_ANSWERED', {}) : t(option.labelCode, {});
    const meaning = reason === undefined ? '' : reasonItem(t, reason);
    return `<tr><td>${escapeHtml(t(question.questionCode, {}))}</td><td>${escapeHtml(answer)}</td><td><ul>${meaning}</ul></td></tr>`;
  });
  const head = ['REPORT_COLUMN_QUESTION', 'REPORT_COLUMN_ANSWER', 'REPORT_COLUMN_MEANING'].map((c) => `<th>${escapeHtml(t(c, {}))}</th>`).join('');
  return `<h2>${escapeHtml(t('REPORT_CHECKLIST_TITLE', {}))}</h2><table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function keySection(t: Translate, report: ServiceCheckReport): string {
  const check = report.keyCheck;
  if (check === undefined) return '';
  const exchange = check.exchange === null
    ? t('REPORT_KEY_UNKNOWN_EXCHANGE', {})
    : t('REPORT_KEY_EXCHANGE', { exchange: EXCHANGE_NAMES[check.exchange] });
  const detail = [check.source?.endpoint, ...(check.source?.readerNotes ?? []), check.technicalDetail]
    .filter((line): line is string => line !== undefined && line !== '');
  return `<h2>${escapeHtml(t('REPORT_KEY_TITLE', {}))}</h2>`
    + `<p>${escapeHtml(exchange)}<br>${escapeHtml(t('REPORT_KEY_CHECKED_AT', { checkedAtMs: check.checkedAtMs }))}</p>`
    + `<div class="verdict verdict-${check.verdict}"><strong>${escapeHtml(t(VERDICT_CODES[check.verdict], {}))}</strong></div>`
    + `<ul>${check.findings.map((f) => reasonItem(t, f)).join('')}</ul>`
    + `<p>${escapeHtml(t('REPORT_KEY_NOTHING_KEPT', {}))}</p>`
    + (detail.length === 0 ? '' : `<details><summary>${escapeHtml(t('REPORT_TECHNICAL_DETAIL', {}))}</summary><ul>${detail.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul></details>`);
}

/** The pasted text with every flagged span marked and numbered; overlapping spans share one mark. */
function highlighted(text: string, matches: readonly ClaimMatch[]): string {
  const spans: { start: number; end: number; numbers: number[] }[] = [];
  matches.forEach((m, i) => {
    const last = spans.at(-1);
    if (last !== undefined && m.start < last.end) {
      last.end = Math.max(last.end, m.end);
      last.numbers.push(i + 1);
    } else {
      spans.push({ start: m.start, end: m.end, numbers: [i + 1] });
    }
  });
  let html = '';
  let at = 0;
  for (const span of spans) {
    html += escapeHtml(text.slice(at, span.start));
    html += `<mark>${escapeHtml(text.slice(span.start, span.end))}</mark><sup>${span.numbers.join(',')}</sup>`;
    at = span.end;
  }
  return html + escapeHtml(text.slice(at));
}

function claimsSection(t: Translate, report: ServiceCheckReport): string {
  const claims = report.claimScan;
  if (claims === undefined) return '';
  const sorted = [...claims.scan.matches].sort((a, b) => a.start - b.start);
  const list = sorted.map((m) => reasonItem(t, { code: m.explanationCode, params: { ...m.params, text: m.text }, severity: 'red_flag' }));
  return `<h2>${escapeHtml(t('REPORT_CLAIMS_TITLE', {}))}</h2><div class="claims">${highlighted(claims.text, sorted)}</div>`
    + (list.length === 0 ? '' : `<h3>${escapeHtml(t('REPORT_CLAIMS_FOUND_TITLE', {}))}</h3><ol>${list.join('')}</ol>`);
}

/**
 * The report as one self-contained HTML page: inline style, no script, no outside resource (the
 * page's own Content-Security-Policy forbids them), every text escaped.
 */
export function serviceCheckReportToHtml(report: ServiceCheckReport, options: HtmlExportOptions = {}): string {
  const t = options.translate ?? englishTranslate(options);
  const title = escapeHtml(t('REPORT_TITLE', {}));
  const verdictCode = VERDICT_CODES[report.verdict];
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(options.locale ?? 'en')}"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${STYLE}</style></head><body>`,
    `<h1>${title}</h1>`,
    report.serviceName === undefined ? '' : `<p>${escapeHtml(t('REPORT_SERVICE_NAME', { serviceName: report.serviceName }))}</p>`,
    `<p>${escapeHtml(t('REPORT_CREATED_AT', { createdAtMs: report.createdAtMs }))}</p>`,
    `<section class="verdict verdict-${report.verdict}"><h2>${escapeHtml(t(verdictCode, {}))}</h2>`,
    `<p>${escapeHtml(t(`${verdictCode}_BODY`, {}))}</p></section>`,
    report.reasons.length === 0 ? '' : `<h2>${escapeHtml(t('REPORT_WHY_TITLE', {}))}</h2><ul>${report.reasons.map((r) => reasonItem(t, r)).join('')}</ul>`,
    checklistTable(t, report),
    keySection(t, report),
    claimsSection(t, report),
    `<footer>${escapeHtml(t('REPORT_FOOTER', {}))}</footer>`,
    '</body></html>',
    '',
  ].join('\n');
}
