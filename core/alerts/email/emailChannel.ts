import { rootCertificates } from 'node:tls';
import { createTransport, type Transporter } from 'nodemailer';
import { z } from 'zod';
import { SecretRedactor } from '../../log/index.ts';
import { revealSecret, type Secret } from '../../keys/index.ts';
import { alertReference } from '../alert.ts';
import { failed, testDelivery, type AlertChannel, type OutgoingDelivery, type SendOutcome } from '../channels/alertChannel.ts';
import { CHANNEL_OK, channelStatus, type ChannelStatus } from '../channels/channelStatus.ts';
import { deliveryText, emailContent } from '../renderAlert.ts';
import type { ReaderContext } from '../template.ts';
import { emailFailureOf } from './emailFailures.ts';

/** The mail server settings a person enters; the password is kept apart, as a Secret from the keystore. */
export const smtpSettingsSchema = z.strictObject({
  host: z.string().trim().min(1).max(253),
  /** 587 (STARTTLS, required) by default; 465 means TLS from the first byte. */
  port: z.number().int().min(1).max(65_535).default(587),
  username: z.string().min(1).max(320),
  from: z.email(),
  to: z.email(),
});
export type SmtpSettings = z.infer<typeof smtpSettingsSchema>;

export interface EmailChannelOptions {
  readonly settings: SmtpSettings;
  readonly password: Secret;
  readonly reader: ReaderContext;
  /** Extra certificate authorities to trust besides the public ones (a self-hosted server, tests). */
  readonly extraCaPem?: readonly string[];
  readonly timeoutMs?: number;
  /** The pooled connection closes after this long without mail. */
  readonly idleCloseMs?: number;
}

/**
 * Alerts by email over SMTP with nodemailer. The connection must be encrypted before the login:
 * STARTTLS is required (`requireTLS`), or TLS from the start on port 465, and the server's
 * certificate must verify. The password is revealed only to open a connection, held by nodemailer
 * only while that connection is open, and scrubbed from every error. Each message's Message-ID comes from the delivery's dedup key,
 * so a repeat after a crash carries the same Message-ID and is recognisable as the same message.
 */
export class EmailChannel implements AlertChannel {
  readonly id = 'email' as const;
  readonly #options: EmailChannelOptions;
  readonly #redactor = new SecretRedactor();
  #transport: Transporter | null = null;
  #idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: EmailChannelOptions) {
    this.#options = { ...options, settings: smtpSettingsSchema.parse(options.settings) };
    const password = revealSecret(options.password);
    if (password.length > 0) this.#redactor.registerSecretValue(password);
  }

  async send(delivery: OutgoingDelivery): Promise<SendOutcome> {
    const { settings, reader } = this.#options;
    const content = emailContent(deliveryText(delivery, reader), reader, delivery.documentHtml);
    const transport = this.#openTransport();
    try {
      const info = await transport.sendMail({
        from: settings.from,
        to: settings.to,
        subject: this.#redactor.redactText(content.subject),
        text: this.#redactor.redactText(content.text),
        html: this.#redactor.redactText(content.html),
        messageId: messageIdFor(delivery.dedupKey, settings.from),
        headers: { 'X-Ballast-Alert': alertReference(delivery.dedupKey) },
      });
      if ((info.rejected ?? []).length > 0) return failed(channelStatus('SMTP_ADDRESS_REFUSED', 'the server refused the recipient'));
      return { kind: 'delivered', providerRef: typeof info.messageId === 'string' ? info.messageId : null };
    } catch (error) {
      // A refused login or a broken connection: the next attempt starts from a fresh connection.
      this.close();
      return emailFailureOf(error, (text) => this.#redactor.redactText(text));
    } finally {
      this.#closeWhenIdle();
    }
  }

  /** Closes the open connection (settings changed, app quitting); the next send opens a new one. */
  close(): void {
    if (this.#idleTimer !== null) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    this.#transport?.close();
    this.#transport = null;
  }

  /**
   * One pooled connection, opened at the first send and closed after a minute without mail: a
   * burst of alerts shares one TLS handshake and login instead of paying for each. The password
   * is revealed to nodemailer when the connection is opened and dropped with it.
   */
  #openTransport(): Transporter {
    if (this.#transport !== null) return this.#transport;
    const { settings } = this.#options;
    const timeoutMs = this.#options.timeoutMs ?? 20_000;
    const implicitTls = settings.port === 465;
    this.#transport = createTransport({
      pool: true,
      maxConnections: 1,
      host: settings.host,
      port: settings.port,
      secure: implicitTls,
      requireTLS: !implicitTls,
      auth: { user: settings.username, pass: revealSecret(this.#options.password) },
      tls: {
        minVersion: 'TLSv1.2',
        ...(this.#options.extraCaPem === undefined ? {} : { ca: [...rootCertificates, ...this.#options.extraCaPem] }),
      },
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      logger: false,
      debug: false,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    return this.#transport;
  }

  #closeWhenIdle(): void {
    if (this.#idleTimer !== null) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    if (this.#transport === null) return;
    this.#idleTimer = setTimeout(() => {
      this.close();
    }, this.#options.idleCloseMs ?? 60_000);
    this.#idleTimer.unref();
  }

  async sendTest(atMs: number): Promise<ChannelStatus> {
    const outcome = await this.send(testDelivery('email', atMs));
    return outcome.kind === 'delivered' ? CHANNEL_OK : outcome.status;
  }
}

/** `<dedup-key@sender's domain>`: the same for every attempt of a delivery. */
export function messageIdFor(dedupKey: string, fromAddress: string): string {
  const domain = fromAddress.split('@')[1] ?? 'ballast.invalid';
  return `<${dedupKey.replace(/[^A-Za-z0-9.-]/g, '-')}@${domain}>`;
}
