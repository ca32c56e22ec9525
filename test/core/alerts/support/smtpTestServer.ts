import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { selfSignedCertificate, type TestCertificate } from './selfSignedCert.ts';

/** A mail as the server received it: raw text and mailparser's reading of it. */
export interface ReceivedMail {
  readonly raw: string;
  readonly parsed: ParsedMail;
  /** True when the session had been upgraded with STARTTLS before DATA. */
  readonly overTls: boolean;
  readonly user: string | null;
  readonly atMs: number;
}

export interface SmtpTestServer {
  readonly port: number;
  readonly certificate: TestCertificate;
  readonly mails: ReceivedMail[];
  readonly logins: { username: string; accepted: boolean; overTls: boolean }[];
  waitForMails(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export interface SmtpTestServerOptions {
  readonly username: string;
  readonly password: string;
  /** False: the server has no STARTTLS and accepts logins in the clear (a server Ballast must refuse). */
  readonly offerStartTls?: boolean;
  readonly certificate?: TestCertificate;
}

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 with STARTTLS on a self-signed
 * certificate made for the test. It refuses AUTH before TLS, like a well-run mail server.
 */
export async function startSmtpTestServer(options: SmtpTestServerOptions): Promise<SmtpTestServer> {
  const certificate = options.certificate ?? selfSignedCertificate();
  const mails: ReceivedMail[] = [];
  const logins: { username: string; accepted: boolean; overTls: boolean }[] = [];
  let waiters: (() => void)[] = [];
  const server = new SMTPServer({
    secure: false,
    key: certificate.keyPem,
    cert: certificate.certPem,
    // Without STARTTLS the server would happily take a password in the clear: Ballast must not give it one.
    ...(options.offerStartTls === false ? { disabledCommands: ['STARTTLS'], hideSTARTTLS: true, allowInsecureAuth: true } : { allowInsecureAuth: false }),
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    disableReverseLookup: true,
    // Ballast keeps its connection open between mails; a test's server closes it at once.
    closeTimeout: 100,
    onAuth(auth, session, callback) {
      const accepted = auth.username === options.username && auth.password === options.password;
      logins.push({ username: auth.username ?? '', accepted, overTls: session.secure });
      if (accepted) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            mails.push({ raw, parsed, overTls: session.secure, user: typeof session.user === 'string' ? session.user : null, atMs: Date.now() });
            for (const wake of waiters.splice(0)) wake();
            callback();
          })
          .catch((error: unknown) => { callback(error instanceof Error ? error : new Error(String(error))); });
      });
    },
  });
  // A client killed mid-conversation resets its connection; smtp-server reports that as an 'error'
  // event, which would be thrown without a listener. The tests look at mails and logins instead.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    certificate,
    mails,
    logins,
    async waitForMails(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (mails.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} mails, got ${mails.length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 50);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return mails.slice(0, count);
    },
    close() {
      waiters = [];
      return new Promise<void>((resolve) => { server.close(() => { resolve(); }); });
    },
  };
}
