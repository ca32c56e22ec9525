import { channelStatus } from '../channels/channelStatus.ts';
import { failed, type SendOutcome } from '../channels/alertChannel.ts';

interface MailerError {
  readonly code?: unknown;
  readonly command?: unknown;
  readonly responseCode?: unknown;
  readonly message?: unknown;
}

const UNREACHABLE = new Set(['ECONNECTION', 'EDNS', 'ESOCKET', 'ETIMEDOUT', 'ECONNREFUSED', 'EPROXY']);
/** TLS errors Node reports for a certificate Ballast does not trust; nodemailer passes them through as socket errors. */
const CERTIFICATE = /certificate|self[- ]signed|unable to verify|hostname\/ip does not match|wrong version number|ssl/i;

/**
 * A nodemailer failure as a channel status. Only a failure at or after DATA can mean the
 * message was accepted; everything before it (connect, STARTTLS, login, envelope) sent nothing.
 */
export function emailFailureOf(error: unknown, scrub: (text: string) => string): SendOutcome {
  const mailer: MailerError = typeof error === 'object' && error !== null ? error : {};
  const code = typeof mailer.code === 'string' ? mailer.code : 'UNKNOWN';
  const command = typeof mailer.command === 'string' ? mailer.command : '';
  const responseCode = typeof mailer.responseCode === 'number' ? mailer.responseCode : null;
  const message = typeof mailer.message === 'string' ? mailer.message : '';
  const detail = scrub(`${code}${command === '' ? '' : ` during ${command}`}${responseCode === null ? '' : ` (${responseCode})`}: ${message.slice(0, 200)}`);
  const afterData = command === 'DATA' || command === '';
  if (code === 'EAUTH' || code === 'ENOAUTH') return failed(channelStatus('SMTP_LOGIN_REFUSED', detail));
  if (code === 'ETLS' || code === 'EREQUIRETLS' || (code === 'ESOCKET' && CERTIFICATE.test(message))) return failed(channelStatus('SMTP_TLS_UNAVAILABLE', detail));
  if (code === 'EENVELOPE') return failed(channelStatus('SMTP_ADDRESS_REFUSED', detail));
  if (code === 'EMESSAGE') {
    return failed(channelStatus(responseCode !== null && responseCode >= 500 ? 'SMTP_MESSAGE_REFUSED' : 'SMTP_SERVER_ERROR', detail));
  }
  if (UNREACHABLE.has(code)) return failed(channelStatus('SMTP_UNREACHABLE', detail), { maybeDelivered: afterData && command === 'DATA' });
  return failed(channelStatus('SMTP_SERVER_ERROR', detail), { maybeDelivered: afterData });
}
