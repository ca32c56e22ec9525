import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../market/index.ts';
import type { TriggerSettings } from './triggerSettings.ts';
import type { RiskTrigger, TriggerReading } from './triggerReading.ts';

type ShockSettings = TriggerSettings['volatilityShock'];

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export function volatilityTriggerId(symbol: string, timeframe: Timeframe): string {
  return `volatility_shock:${symbol}:${timeframe}`;
}

/** '15m', '1h', '4h', '1d': how a horizon is named in readings. */
export function horizonLabel(minutes: number): string {
  if (minutes % 1440 === 0) return `${String(minutes / 1440)}d`;
  if (minutes % 60 === 0) return `${String(minutes / 60)}h`;
  return `${String(minutes)}m`;
}

/** One horizon as the trigger uses it on one feed: bars back, floors in log terms, its usual move. */
interface Horizon {
  readonly label: string;
  readonly bars: number;
  /** −ln(1 − minDropFraction): the smallest log fall that may trip. */
  readonly dropFloorLog: number;
  /** ln(1 + minRiseFraction). */
  readonly riseFloorLog: number;
  /** Exponentially weighted mean of |log move| over this horizon, from moves judged before. */
  usualLog: number;
  /** Moves that have fed `usualLog`; the horizon is judged from `warmUpBars` on. */
  samples: number;
}

/** The shock that tripped last: numbers only, so a reading allocates nothing beyond itself. */
interface LastShock {
  openTimeMs: number;
  horizon: Horizon | null;
  moveLog: number;
  /** The move's score: |move| / its threshold (≥ 1). */
  score: number;
  usualLog: number;
}

function horizonsFor(timeframe: Timeframe, settings: ShockSettings): { used: Horizon[]; skipped: string[] } {
  const barMs = TIMEFRAME_MS[timeframe];
  const used: Horizon[] = [];
  const skipped: string[] = [];
  for (const horizon of settings.horizons) {
    const horizonMs = horizon.minutes * MINUTE_MS;
    if (horizonMs < barMs) {
      skipped.push(horizonLabel(horizon.minutes));
      continue;
    }
    used.push({
      label: horizonLabel(horizon.minutes),
      bars: Math.round(horizonMs / barMs),
      dropFloorLog: -Math.log(1 - horizon.minDropFraction),
      riseFloorLog: Math.log(1 + horizon.minRiseFraction),
      usualLog: 0,
      samples: 0,
    });
  }
  return { used, skipped };
}

/** A log move as a percentage of price: one decimal, two below 1% (a calm usual move is 0.05%). */
function percent(log: number): string {
  const value = Math.abs(Math.expm1(log)) * 100;
  return `${value.toFixed(value < 1 ? 2 : 1)}%`;
}
const utcMinute = (atMs: number): string => new Date(atMs).toISOString().replace('T', ' ').slice(0, 16);

/**
 * Fed every closed bar of one market. Measures the move over several wall-clock horizons (15
 * minutes, 1 hour, 4 hours… each in bars of the feed; a horizon shorter than one bar is skipped)
 * and trips when one is far outside that horizon's usual size — usual over weeks, not bars:
 * an exponentially weighted mean of |log move| with a mean age of `baselineDays`, fed only AFTER
 * the move is judged and with each move clipped to `clipMultiple` usual sizes, so a sell-off
 * cannot raise its own threshold (a crash of an hour moves a four-week mean by well under 1%).
 *
 * A fall trips beyond `dropMultiple` usual sizes, a rise only beyond `riseMultiple`: a long-only
 * bot is hurt by the fall. Either way the move must also reach the horizon's absolute floor, so
 * a dead-calm market (whose usual size is tiny) does not trip on a 1% minute. Until a horizon
 * has `warmUpDays` of moves it is not judged and the trigger does not trip; the reading says so.
 * It clears `calmHoursToClear` hours after the last shock.
 *
 * Per bar: one log, and per horizon one ring look-up and one update; nothing is allocated but
 * the reading. A missing bar (gap) leaves a hole in the ring: moves that would span it are not
 * judged and do not feed the baseline.
 */
export function createVolatilityShockTrigger(symbol: string, timeframe: Timeframe, settings: ShockSettings): RiskTrigger<Candle> {
  const triggerId = volatilityTriggerId(symbol, timeframe);
  const barMs = TIMEFRAME_MS[timeframe];
  const { used: horizons, skipped } = horizonsFor(timeframe, settings);
  const judgedLabels = horizons.map((horizon) => horizon.label).join(',');
  const skippedLabels = skipped.join(',');
  const baselineBars = Math.max(1, Math.round((settings.baselineDays * DAY_MS) / barMs));
  const warmUpBars = Math.max(1, Math.round((settings.warmUpDays * DAY_MS) / barMs));
  const calmMs = settings.calmHoursToClear * HOUR_MS;
  const ringSize = horizons.reduce((most, horizon) => Math.max(most, horizon.bars), 0) + 1;
  const ringLogClose = new Float64Array(ringSize);
  const ringSlot = new Float64Array(ringSize).fill(Number.NaN);
  // Every horizon judges once the longest has `warmUpBars` moves: its first move needs its own length first.
  const warmUpDaysNeeded = ((warmUpBars + ringSize - 1) * barMs) / DAY_MS;
  let lastSlot = -1;
  let barsSeen = 0;
  let warmHorizons = 0;
  const shock: LastShock = { openTimeMs: Number.NaN, horizon: null, moveLog: 0, score: 0, usualLog: 0 };
  // The horizon nearest to tripping on the latest bar (score = move / its threshold).
  let nearestHorizon: Horizon | null = null;
  let nearestScore = 0;
  let nearestMoveLog = 0;
  let nearestUsualLog = 0;

  /** Judges one horizon's move (if warm), then feeds it to the baseline. */
  function judge(horizon: Horizon, moveLog: number, openTimeMs: number): void {
    if (horizon.samples >= warmUpBars) {
      const falling = moveLog < 0;
      const thresholdLog = falling
        ? Math.max(settings.dropMultiple * horizon.usualLog, horizon.dropFloorLog)
        : Math.max(settings.riseMultiple * horizon.usualLog, horizon.riseFloorLog);
      const score = Math.abs(moveLog) / thresholdLog;
      if (score > nearestScore || nearestHorizon === null) {
        nearestHorizon = horizon;
        nearestScore = score;
        nearestMoveLog = moveLog;
        nearestUsualLog = horizon.usualLog;
      }
      // Several horizons may trip on one bar: the reading names the one furthest past its threshold.
      if (score >= 1 && !(shock.openTimeMs === openTimeMs && shock.score >= score)) {
        shock.openTimeMs = openTimeMs;
        shock.horizon = horizon;
        shock.moveLog = moveLog;
        shock.score = score;
        shock.usualLog = horizon.usualLog;
      }
    }
    if (horizon.samples + 1 === warmUpBars) warmHorizons += 1;
    const size = Math.abs(moveLog);
    // Clipping starts once the horizon is judged: before that there is no trusted usual size. A
    // move up to floor / dropMultiple always counts in full: moves that size cannot lift the
    // threshold above the floor, and a usual size of zero (a frozen feed) can still grow again.
    const cap = Math.max(settings.clipMultiple * horizon.usualLog, horizon.dropFloorLog / settings.dropMultiple);
    const fed = horizon.samples >= warmUpBars ? Math.min(size, cap) : size;
    horizon.samples += 1;
    horizon.usualLog += (fed - horizon.usualLog) / Math.min(horizon.samples, baselineBars);
  }

  function observe(candle: Candle): void {
    nearestHorizon = null;
    nearestScore = 0;
    nearestMoveLog = 0;
    const slot = Math.round(candle.openTimeMs / barMs);
    // Repeated, out-of-order or impossible bars are the data-feed trigger's business: not judged here.
    if (!(slot > lastSlot) || !(candle.close > 0) || !Number.isFinite(candle.close)) return;
    lastSlot = slot;
    barsSeen += 1;
    const logClose = Math.log(candle.close);
    const position = slot % ringSize;
    ringLogClose[position] = logClose;
    ringSlot[position] = slot;
    for (const horizon of horizons) {
      const pastSlot = slot - horizon.bars;
      const pastPosition = pastSlot % ringSize;
      if (ringSlot[pastPosition] !== pastSlot) continue;
      judge(horizon, logClose - (ringLogClose[pastPosition] ?? Number.NaN), candle.openTimeMs);
    }
  }

  function cause(tripped: boolean, warmedUp: boolean, openTimeMs: number): TriggerReading['cause'] {
    if (tripped && shock.horizon !== null) {
      const horizon = shock.horizon;
      const verb = shock.moveLog < 0 ? 'fell' : 'rose';
      return {
        code: 'VOLATILITY_SHOCK',
        message: `${symbol} ${verb} ${percent(shock.moveLog)} in ${horizon.label}, up to ${utcMinute(shock.openTimeMs + barMs)} UTC; its usual ${horizon.label} move is ${percent(shock.usualLog)}. Ballast only reduces positions, with no new buys, until ${symbol} has been calm for ${String(settings.calmHoursToClear)} hours; then you can leave safe mode.`,
      };
    }
    if (horizons.length === 0) {
      return { code: 'VOLATILITY_NOT_JUDGED', message: `${symbol} ${timeframe} bars are longer than every horizon of the volatility check (${skippedLabels}), so sudden moves are not watched on this feed.` };
    }
    if (!warmedUp) {
      const daysSeen = (barsSeen * barMs) / DAY_MS;
      return {
        code: 'VOLATILITY_WARMING_UP',
        message: `Ballast is still learning how much ${symbol} usually moves (${daysSeen.toFixed(1)} of ${String(Number(warmUpDaysNeeded.toFixed(1)))} days of ${timeframe} prices seen). Until then this check cannot pause buying on a sudden fall.`,
      };
    }
    const calmHours = shock.horizon === null ? null : (openTimeMs - shock.openTimeMs) / HOUR_MS;
    const calmFor = calmHours === null ? '' : calmHours < 48 ? ` for ${calmHours.toFixed(0)} hours` : ` for ${(calmHours / 24).toFixed(0)} days`;
    return { code: 'VOLATILITY_CALM', message: `${symbol} has moved within its usual range${calmFor}.` };
  }

  return {
    triggerId,
    check(candle): TriggerReading {
      observe(candle);
      const warmedUp = horizons.length > 0 && warmHorizons === horizons.length;
      const tripped = shock.horizon !== null && candle.openTimeMs - shock.openTimeMs < calmMs;
      const nearest = nearestHorizon;
      return {
        triggerId,
        tripped,
        action: settings.action,
        cause: cause(tripped, warmedUp, candle.openTimeMs),
        details: {
          symbol,
          timeframe,
          warmedUp,
          warmUpDaysSeen: Math.min((barsSeen * barMs) / DAY_MS, warmUpDaysNeeded),
          warmUpDaysNeeded,
          horizons: judgedLabels,
          skippedHorizons: skippedLabels,
          nearestHorizon: nearest?.label ?? null,
          nearestMoveFraction: nearest === null ? null : Math.expm1(nearestMoveLog),
          nearestUsualMoveFraction: nearest === null ? null : Math.expm1(nearestUsualLog),
          nearestScore: nearest === null ? null : nearestScore,
          shockAtMs: shock.horizon === null ? null : shock.openTimeMs,
          shockHorizon: shock.horizon?.label ?? null,
          shockMoveFraction: shock.horizon === null ? null : Math.expm1(shock.moveLog),
        },
        atMs: candle.openTimeMs,
      };
    },
  };
}
