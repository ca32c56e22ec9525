import { alertReference, type RecordedAlert } from './alert.ts';
import type { OutgoingDelivery } from './channels/alertChannel.ts';
import { alertMessages } from './messages.ts';
import { escapeHtml, fillTemplate, type ReaderContext } from './template.ts';

/** A delivery in words, before any channel's markup. */
export interface AlertText {
  readonly title: string;
  /** Paragraphs, in order. */
  readonly paragraphs: readonly string[];
  /** "Recorded … · Ref …": when it happened and the reference that recognises a repeat. */
  readonly footer: string;
  /** The short reference of the alert (or digest) that recognises a repeat: "3F9C-A1D2". */
  readonly reference: string;
  readonly urgent: boolean;
}

const MAX_DIGEST_LINES = 30;
const words = alertMessages.delivery;

function singleAlertText(alert: RecordedAlert, reader: ReaderContext): Omit<AlertText, 'paragraphs'> & { body: string } {
  const reference = alertReference(alert.id);
  const template = alertMessages.alert[alert.code];
  return {
    title: fillTemplate(template.title, alert.params, reader),
    body: fillTemplate(template.body, alert.params, reader),
    footer: fillTemplate(words.recordedAt, { atMs: alert.atMs, reference }, reader),
    reference,
    urgent: alert.severity === 'critical',
  };
}

function digestText(delivery: OutgoingDelivery, reader: ReaderContext): AlertText {
  const shown = delivery.alerts.slice(0, MAX_DIGEST_LINES);
  const lines = shown.map((alert) =>
    fillTemplate(words.digestLine, { atMs: alert.atMs, title: fillTemplate(alertMessages.alert[alert.code].title, alert.params, reader) }, reader),
  );
  const hidden = delivery.alerts.length - shown.length;
  if (hidden > 0) lines.push(fillTemplate(words.digestMore, { count: hidden }, reader));
  const first = delivery.alerts[0];
  const reference = alertReference(delivery.dedupKey);
  return {
    title: fillTemplate(words.digestTitle, { count: delivery.alerts.length }, reader),
    paragraphs: [words.digestIntro, lines.join('\n')],
    footer: first === undefined ? '' : fillTemplate(words.recordedAt, { atMs: first.recordedAtMs, reference }, reader),
    reference,
    urgent: false,
  };
}

/** The words of a delivery, shared by every channel. */
export function deliveryText(delivery: OutgoingDelivery, reader: ReaderContext): AlertText {
  let text: AlertText;
  if (delivery.kind === 'digest') {
    text = digestText(delivery, reader);
  } else {
    const alert = delivery.alerts[0];
    if (alert === undefined) throw new TypeError('An alert delivery needs its alert.');
    const single = singleAlertText(alert, reader);
    text = { title: single.title, paragraphs: [single.body], footer: single.footer, reference: single.reference, urgent: single.urgent };
  }
  return delivery.maybeRepeat ? { ...text, paragraphs: [words.maybeRepeat, ...text.paragraphs] } : text;
}

function titleLine(text: AlertText): string {
  return text.urgent ? `${words.urgentPrefix}${text.title}` : text.title;
}

/** Telegram's limit is 4,096 characters after entities are parsed; stay well below it. */
const TELEGRAM_MAX_CHARS = 3_800;

/** Telegram `parse_mode: 'HTML'`: bold title, escaped text, the reference in italics. */
export function telegramHtml(text: AlertText): string {
  let body = text.paragraphs.join('\n\n');
  if (body.length > TELEGRAM_MAX_CHARS) body = `${body.slice(0, TELEGRAM_MAX_CHARS - 1)}…`;
  return `<b>${escapeHtml(titleLine(text))}</b>\n\n${escapeHtml(body)}\n\n<i>${escapeHtml(text.footer)}</i>`;
}

/** The same for a chat without markup. */
export function plainText(text: AlertText): string {
  return [titleLine(text), ...text.paragraphs, text.footer].filter((part) => part !== '').join('\n\n');
}

export interface EmailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** A subject line, a plain-text part and a simple HTML part (inline styles, no external resources). */
export function emailContent(text: AlertText, reader: ReaderContext, documentHtml: string | null = null): EmailContent {
  const subject = fillTemplate(words.emailSubject, { title: titleLine(text) }, reader);
  const plain = `${plainText(text)}\n\n--\n${words.emailFooter}\n`;
  const paragraphs = text.paragraphs
    .map((paragraph) => `<p style="margin:0 0 12px">${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
  const color = text.urgent ? '#b00020' : '#1f2933';
  const html =
    documentHtml ??
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
      `<body style="font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2933;max-width:640px;margin:0 auto;padding:16px">` +
      `<h1 style="font-size:20px;color:${color};margin:0 0 16px">${escapeHtml(titleLine(text))}</h1>${paragraphs}` +
      `<p style="color:#52606d;font-size:13px">${escapeHtml(text.footer)}</p>` +
      `<hr style="border:none;border-top:1px solid #d9e2ec"><p style="color:#52606d;font-size:12px">${escapeHtml(words.emailFooter)}</p></body></html>`;
  return { subject: subject.replace(/[\r\n]+/g, ' '), text: plain, html };
}

export interface DesktopNoticeText {
  readonly title: string;
  readonly body: string;
  readonly urgency: 'low' | 'normal' | 'critical';
  /** The alert's reference, e.g. to replace an earlier notice of the same alert instead of stacking a repeat. */
  readonly reference: string;
}

export function desktopNoticeText(text: AlertText, severity: RecordedAlert['severity'] | 'digest'): DesktopNoticeText {
  const urgency = severity === 'critical' ? 'critical' : severity === 'warning' ? 'normal' : 'low';
  return { title: text.title, body: text.paragraphs.join('\n\n'), urgency, reference: text.reference };
}
