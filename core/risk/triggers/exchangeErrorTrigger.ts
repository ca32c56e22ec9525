import { percent } from '../riskWording.ts';
import type { TriggerSettings } from './triggerSettings.ts';
import type { RiskTrigger, TriggerReading } from './triggerReading.ts';

/**
 * How the exchange has been answering lately, over a sliding window: the OrderManager counts
 * its own requests and publishes this reading.
 */
export interface ExchangeErrorRate {
  readonly atMs: number;
  readonly windowMs: number;
  readonly requests: number;
  /** Requests that failed or ended unknown: timeouts, 5xx, lost responses, network errors. */
  readonly errors: number;
  /** HTTP 429: the exchange asked us to slow down. */
  readonly rateLimited: number;
  /** HTTP 418: the exchange banned this IP for ignoring 429s. */
  readonly banned: number;
}

export const ERROR_RATE_TRIGGER_ID = 'exchange_error_rate';

function problem(rate: ExchangeErrorRate, settings: TriggerSettings['errorRate']): string | null {
  const seconds = Math.round(rate.windowMs / 1000);
  if (rate.banned > 0) return `The exchange has temporarily banned this computer (HTTP 418) after too many requests.`;
  if (rate.rateLimited >= settings.maxRateLimited) return `The exchange told Ballast to slow down ${rate.rateLimited} times in ${seconds} s (HTTP 429).`;
  if (rate.requests >= settings.minRequests && rate.errors / rate.requests >= settings.maxErrorFraction) {
    return `${percent(rate.errors / rate.requests, 0)} of requests to the exchange failed in the last ${seconds} s (${rate.errors} of ${rate.requests}).`;
  }
  return null;
}

/** Trips on an error-rate spike, a run of 429s or any 418; clears when the window is healthy again. */
export function createExchangeErrorTrigger(settings: () => TriggerSettings['errorRate']): RiskTrigger<ExchangeErrorRate> {
  return {
    triggerId: ERROR_RATE_TRIGGER_ID,
    check(rate): TriggerReading {
      const current = settings();
      const counts = [rate.requests, rate.errors, rate.rateLimited, rate.banned];
      // A reading that cannot be judged is treated as a spike: the exchange's health is unknown.
      const readable = counts.every((count) => Number.isInteger(count) && count >= 0) && rate.errors <= rate.requests;
      const found = readable ? problem(rate, current) : 'Ballast could not judge how the exchange is answering (the error counts do not add up).';
      return {
        triggerId: ERROR_RATE_TRIGGER_ID,
        tripped: found !== null,
        action: current.action,
        cause: { code: 'EXCHANGE_ERROR_RATE', message: found ?? 'The exchange is answering normally again.' },
        details: { requests: rate.requests, errors: rate.errors, rateLimited: rate.rateLimited, banned: rate.banned, windowMs: rate.windowMs, maxErrorFraction: current.maxErrorFraction },
        atMs: rate.atMs,
      };
    },
  };
}
