import { parseArgs } from 'node:util';
import { startFakeExchange } from './exchange.ts';

/**
 * `node test/fake-exchange/cli.ts --port 0 [--host 127.0.0.1] [--start 2021-01-01T00:00:00Z] [--speed 60]`
 * Prints one JSON line {"url","apiKey","secret"} for the default account (10,000 USDT, withdrawals
 * off, IP restriction on) and serves until killed. `--speed` lets market time run that many times
 * faster than the wall clock (default: it stands still at --start).
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    start: { type: 'string' },
    speed: { type: 'string', default: '0' },
  },
});

const port = Number(values.port);
const speed = Number(values.speed);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}`);
if (!(speed >= 0)) throw new Error(`--speed must be 0 or more, got ${values.speed}`);
if (values.start !== undefined && !Number.isFinite(Date.parse(values.start))) throw new Error(`--start must be an ISO date, got ${values.start}`);

const exchange = await startFakeExchange({ port, host: values.host, ...(values.start === undefined ? {} : { startAt: values.start }) });
exchange.clock.run(speed);
process.stdout.write(`${JSON.stringify({ url: exchange.url, apiKey: exchange.credentials.apiKey, secret: exchange.credentials.secret })}\n`);

const stop = (): void => {
  void exchange.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
