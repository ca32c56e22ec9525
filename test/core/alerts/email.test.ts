import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EmailChannel, messageIdFor, type OutgoingDelivery } from '../../../core/alerts/index.ts';
import { makeSecret } from '../../../core/keys/index.ts';
import { startSmtpTestServer, type SmtpTestServer } from './support/smtpTestServer.ts';
import { alertOfEveryCode, recorded } from './support/sampleAlerts.ts';

const USER = 'alerts@example.test';
const PASSWORD = 'FAKE-CANARY-SMTP-PASSWORD-31f9';
const reader = { timeZone: 'Europe/Berlin' };

let server: SmtpTestServer | undefined;
const channels: EmailChannel[] = [];
afterEach(async () => {
  for (const channel of channels.splice(0)) channel.close();
  await server?.close();
  server = undefined;
});

function delivery(code = 'DAILY_LOSS_LIMIT_REACHED', maybeRepeat = false, documentHtml: string | null = null): OutgoingDelivery {
  const sample = alertOfEveryCode().find((candidate) => candidate.code === code);
  if (sample === undefined) throw new Error(`no sample for ${code}`);
  const alert = recorded(sample);
  return { deliveryId: 1, channel: 'email', kind: 'alert', dedupKey: `${alert.id}.email`, alerts: [alert], maybeRepeat, documentHtml };
}

function emailChannel(port: number, options: { password?: string; trustCertificate?: boolean } = {}): EmailChannel {
  const channel = new EmailChannel({
    settings: { host: '127.0.0.1', port, username: USER, from: 'ballast@example.test', to: 'pat@example.test' },
    password: makeSecret(options.password ?? PASSWORD),
    reader,
    extraCaPem: options.trustCertificate === false || server === undefined ? undefined : [server.certificate.certPem],
    timeoutMs: 3_000,
  });
  channels.push(channel);
  return channel;
}

async function closedPort(): Promise<number> {
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address() as AddressInfo;
  await new Promise<void>((resolve) => listener.close(() => { resolve(); }));
  return port;
}

describe('email channel against a real SMTP server with STARTTLS', () => {
  it('upgrades to TLS, verifies the certificate, logs in and delivers subject, text and HTML with a Message-ID from the alert', async () => {
    server = await startSmtpTestServer({ username: USER, password: PASSWORD });
    const outgoing = delivery();
    expect(await emailChannel(server.port).send(outgoing)).toMatchObject({ kind: 'delivered' });
    const [mail] = await server.waitForMails(1);
    expect(mail?.overTls).toBe(true);
    expect(mail?.user).toBe(USER);
    expect(server.logins).toEqual([{ username: USER, accepted: true, overTls: true }]);
    expect(mail?.parsed.subject).toBe('Ballast: URGENT: Daily loss limit reached: no new trades today');
    expect(mail?.parsed.text).toContain('Ballast has lost 210 USDT today');
    expect(mail?.parsed.html).toContain('<h1');
    expect(mail?.parsed.messageId).toBe(messageIdFor(outgoing.dedupKey, 'ballast@example.test'));
    expect(mail?.parsed.headers.get('x-ballast-alert')).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
  });

  it('keeps one connection for a burst of mail and opens a new one after it was closed', async () => {
    server = await startSmtpTestServer({ username: USER, password: PASSWORD });
    const channel = emailChannel(server.port);
    await channel.send(delivery());
    await channel.send(delivery('DAILY_LOSS_NEAR_LIMIT'));
    expect(server.logins).toHaveLength(1);
    channel.close();
    await channel.send(delivery('DRAWDOWN_NEAR_LIMIT'));
    expect(server.logins).toHaveLength(2);
    expect(await server.waitForMails(3)).toHaveLength(3);
  });

  it('sends a repeat with the same Message-ID, so it is recognisable as the same message', async () => {
    server = await startSmtpTestServer({ username: USER, password: PASSWORD });
    const channel = emailChannel(server.port);
    await channel.send(delivery());
    await channel.send(delivery('DAILY_LOSS_LIMIT_REACHED', true));
    const mails = await server.waitForMails(2);
    expect(mails[1]?.parsed.messageId).toBe(mails[0]?.parsed.messageId);
    expect(mails[1]?.parsed.text).toContain('You may have received this already');
  });

  it('sends the weekly review page itself as the HTML part', async () => {
    server = await startSmtpTestServer({ username: USER, password: PASSWORD });
    const page = '<!doctype html><html><body><h1>Ballast weekly review</h1></body></html>';
    await emailChannel(server.port).send(delivery('WEEKLY_REVIEW_READY', false, page));
    const [mail] = await server.waitForMails(1);
    expect(mail?.parsed.html).toContain('<h1>Ballast weekly review</h1>');
    expect(mail?.parsed.text).toContain('orders this week');
  });

  it('reports a refused login in plain words, on a send and on "Send a test"', async () => {
    server = await startSmtpTestServer({ username: USER, password: 'the-real-one' });
    const channel = emailChannel(server.port);
    expect(await channel.send(delivery())).toMatchObject({ kind: 'failed', status: { code: 'SMTP_LOGIN_REFUSED' }, maybeDelivered: false });
    expect(await channel.sendTest(0)).toMatchObject({ code: 'SMTP_LOGIN_REFUSED' });
    expect(server.mails).toEqual([]);
  });

  it('reports an unreachable server', async () => {
    const channel = emailChannel(await closedPort());
    expect(await channel.sendTest(0)).toMatchObject({ code: 'SMTP_UNREACHABLE' });
  });

  it('never logs in to a server that offers no STARTTLS: the password is never sent unencrypted', async () => {
    server = await startSmtpTestServer({ username: USER, password: PASSWORD, offerStartTls: false });
    expect(await emailChannel(server.port).send(delivery())).toMatchObject({ kind: 'failed', status: { code: 'SMTP_TLS_UNAVAILABLE' }, maybeDelivered: false });
    expect(server.logins).toEqual([]);
    expect(server.mails).toEqual([]);
  });

  it('never logs in to a server whose certificate it cannot verify', async () => {
    server = await startSmtpTestServer({ username: USER, password: PASSWORD });
    expect(await emailChannel(server.port, { trustCertificate: false }).send(delivery())).toMatchObject({ kind: 'failed', status: { code: 'SMTP_TLS_UNAVAILABLE' } });
    expect(server.logins).toEqual([]);
  });
});
