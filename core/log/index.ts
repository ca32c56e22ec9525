import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

/**
 * Field paths that may hold key material anywhere in a log object. pino replaces them with
 * `[redacted]` before serialising, so a careless `log.info({ request })` cannot leak a secret.
 */
export const REDACTED_PATHS: readonly string[] = [
  'apiKey', 'secret', 'password', 'passphrase', 'signature', 'privateKey', 'token',
  '*.apiKey', '*.secret', '*.password', '*.passphrase', '*.signature', '*.privateKey', '*.token',
  'headers["X-MBX-APIKEY"]', '*.headers["X-MBX-APIKEY"]', 'headers.authorization', '*.headers.authorization',
];

export interface LoggerOptions {
  readonly level?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  readonly destination?: DestinationStream;
}

/** The one structured logger of Ballast, with secret redaction always on. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const settings = {
    level: options.level ?? 'info',
    redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    base: { app: 'ballast' },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/** A log file for the desktop app; pino writes to it without blocking the trading loop. */
export function fileDestination(path: string): DestinationStream {
  return pino.destination({ dest: path, mkdir: true, sync: false });
}
