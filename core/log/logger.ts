import { pino, type Bindings, type ChildLoggerOptions, type DestinationStream, type LogFn, type Logger } from 'pino';
import { redactText, redactValue } from './redaction.ts';

export interface LoggerOptions {
  readonly level?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  readonly destination?: DestinationStream;
}

/**
 * Every argument of a log call, redacted before pino sees it: a logged Error becomes its
 * redacted fields (pino would otherwise take its raw message as the line's message).
 */
function redactedArguments(args: Parameters<LogFn>): unknown[] {
  const [first, ...rest] = args as unknown[];
  if (first instanceof Error) {
    const err = redactValue(first);
    return typeof rest[0] === 'string' ? [{ err }, ...rest.map((arg) => redactValue(arg))] : [{ err }, err.message, ...rest.map((arg) => redactValue(arg))];
  }
  return [redactValue(first), ...rest.map((arg) => (typeof arg === 'string' ? redactText(arg) : redactValue(arg)))];
}

/**
 * The one structured logger of Ballast, with secret redaction always on: the same rules as every
 * other output (core/log/redaction.ts), so a careless `log.info({ request })` cannot leak a
 * secret at any depth, in a field name's value, a message or a child logger's bindings.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const settings = {
    level: options.level ?? 'info',
    base: { app: 'ballast' },
    formatters: {
      bindings: (bindings: Record<string, unknown>) => redactValue(bindings),
      log: (object: Record<string, unknown>) => redactValue(object),
    },
    hooks: {
      logMethod(this: Logger, args: Parameters<LogFn>, method: LogFn) {
        method.apply(this, redactedArguments(args) as Parameters<LogFn>);
      },
    },
  };
  const logger = options.destination ? pino(settings, options.destination) : pino(settings);
  // pino formats a child's bindings without the bindings formatter; every child inherits this.
  const pinoChild = Reflect.get(logger, 'child') as unknown as (...args: unknown[]) => Logger;
  const redactedChild = function (this: Logger, bindings: Bindings, childOptions?: ChildLoggerOptions): Logger {
    return Reflect.apply(pinoChild, this, [redactValue(bindings), childOptions]);
  };
  logger.child = redactedChild as unknown as Logger['child'];
  return logger;
}

/** A log file for the desktop app; pino writes to it without blocking the trading loop. */
export function fileDestination(path: string): DestinationStream {
  return pino.destination({ dest: path, mkdir: true, sync: false });
}
