import type { AnyStrategyId, Strategy } from '../strategy.ts';
import { createDoNothing } from './doNothing.ts';
import { createRsiMeanReversion, RSI_MEAN_REVERSION_DEFAULTS } from './rsiMeanReversion.ts';
import { createSmaCross, SMA_CROSS_DEFAULTS } from './smaCross.ts';
import { createTrendFollower, TREND_FOLLOWER_DEFAULTS } from './trendFollower.ts';

/** One tunable number of a strategy: what a backtest may set and a sweep may vary. */
export interface StrategyParameterSpec {
  readonly name: string;
  /** 'bars' are whole numbers of bars; 'number' any finite number in range. */
  readonly kind: 'bars' | 'number';
  readonly min: number;
  readonly max: number;
  readonly defaultValue: number;
}

const bars = (name: string, defaultValue: number, min = 1): StrategyParameterSpec => ({ name, kind: 'bars', min, max: 100_000, defaultValue });
const number = (name: string, defaultValue: number, min: number, max: number): StrategyParameterSpec => ({ name, kind: 'number', min, max, defaultValue });

export const STRATEGY_PARAMETERS: Readonly<Record<AnyStrategyId, readonly StrategyParameterSpec[]>> = {
  'sma-cross': [bars('fast', SMA_CROSS_DEFAULTS.fastBars), bars('slow', SMA_CROSS_DEFAULTS.slowBars, 2)],
  'trend-follower': [
    bars('fast', TREND_FOLLOWER_DEFAULTS.fastBars),
    bars('slow', TREND_FOLLOWER_DEFAULTS.slowBars, 2),
    bars('atr', TREND_FOLLOWER_DEFAULTS.atrBars),
    number('stopAtr', TREND_FOLLOWER_DEFAULTS.stopAtr, 0.1, 50),
    number('enterScore', TREND_FOLLOWER_DEFAULTS.enterScore, -1, 1),
    number('exitScore', TREND_FOLLOWER_DEFAULTS.exitScore, -1, 1),
  ],
  'rsi-mean-reversion': [
    bars('rsi', RSI_MEAN_REVERSION_DEFAULTS.rsiBars),
    bars('atr', RSI_MEAN_REVERSION_DEFAULTS.atrBars),
    number('stopAtr', RSI_MEAN_REVERSION_DEFAULTS.stopAtr, 0.1, 50),
    number('oversold', RSI_MEAN_REVERSION_DEFAULTS.oversold, 0, 100),
    number('recovered', RSI_MEAN_REVERSION_DEFAULTS.recovered, 0, 100),
  ],
  'do-nothing': [],
};

export type StrategyParameterProblem =
  | { readonly code: 'UNKNOWN_STRATEGY'; readonly params: { readonly strategy: string; readonly known: string } }
  | { readonly code: 'UNKNOWN_PARAMETER'; readonly params: { readonly strategy: string; readonly parameter: string; readonly known: string } }
  | { readonly code: 'PARAMETER_OUT_OF_RANGE'; readonly params: { readonly strategy: string; readonly parameter: string; readonly value: number; readonly min: number; readonly max: number; readonly whole: string } }
  | { readonly code: 'PARAMETERS_INCONSISTENT'; readonly params: { readonly strategy: string; readonly problem: string } };

export type StrategyBuild = { readonly ok: true; readonly strategy: Strategy; readonly parameters: Readonly<Record<string, number>> } | { readonly ok: false; readonly problem: StrategyParameterProblem };

export function isKnownStrategyId(value: string): value is AnyStrategyId {
  return Object.hasOwn(STRATEGY_PARAMETERS, value);
}

/** Every parameter of the strategy: the defaults with `given` on top, checked against their ranges. */
export function resolveStrategyParameters(
  strategy: string,
  given: Readonly<Record<string, number>>,
): { readonly ok: true; readonly id: AnyStrategyId; readonly parameters: Readonly<Record<string, number>> } | { readonly ok: false; readonly problem: StrategyParameterProblem } {
  if (!isKnownStrategyId(strategy)) {
    return { ok: false, problem: { code: 'UNKNOWN_STRATEGY', params: { strategy, known: Object.keys(STRATEGY_PARAMETERS).join(', ') } } };
  }
  const specs = STRATEGY_PARAMETERS[strategy];
  const parameters: Record<string, number> = {};
  for (const spec of specs) parameters[spec.name] = spec.defaultValue;
  for (const [name, value] of Object.entries(given)) {
    const spec = specs.find((candidate) => candidate.name === name);
    if (spec === undefined) {
      const known = specs.map((candidate) => candidate.name).join(', ') || 'none';
      return { ok: false, problem: { code: 'UNKNOWN_PARAMETER', params: { strategy, parameter: name, known } } };
    }
    const whole = spec.kind === 'bars';
    if (!Number.isFinite(value) || value < spec.min || value > spec.max || (whole && !Number.isSafeInteger(value))) {
      return { ok: false, problem: { code: 'PARAMETER_OUT_OF_RANGE', params: { strategy, parameter: name, value, min: spec.min, max: spec.max, whole: whole ? 'yes' : 'no' } } };
    }
    parameters[name] = value;
  }
  const inconsistent = (problem: string): { ok: false; problem: StrategyParameterProblem } => ({ ok: false, problem: { code: 'PARAMETERS_INCONSISTENT', params: { strategy, problem } } });
  const p = (name: string): number => parameters[name] ?? Number.NaN;
  if ((strategy === 'sma-cross' || strategy === 'trend-follower') && !(p('fast') < p('slow'))) return inconsistent('fast must be fewer bars than slow');
  if (strategy === 'trend-follower' && !(p('exitScore') < p('enterScore'))) return inconsistent('exitScore must be below enterScore');
  if (strategy === 'rsi-mean-reversion' && !(p('oversold') < p('recovered'))) return inconsistent('oversold must be below recovered');
  return { ok: true, id: strategy, parameters };
}

/** A fresh instance of a built-in strategy with the given parameters (defaults for the rest). */
export function createStrategyWith(strategy: string, given: Readonly<Record<string, number>> = {}): StrategyBuild {
  const resolved = resolveStrategyParameters(strategy, given);
  if (!resolved.ok) return resolved;
  const { id, parameters } = resolved;
  const p = (name: string): number => parameters[name] ?? Number.NaN;
  switch (id) {
    case 'sma-cross':
      return { ok: true, parameters, strategy: createSmaCross({ fastBars: p('fast'), slowBars: p('slow') }) };
    case 'trend-follower':
      return {
        ok: true,
        parameters,
        strategy: createTrendFollower({ fastBars: p('fast'), slowBars: p('slow'), atrBars: p('atr'), stopAtr: p('stopAtr'), enterScore: p('enterScore'), exitScore: p('exitScore') }),
      };
    case 'rsi-mean-reversion':
      return {
        ok: true,
        parameters,
        strategy: createRsiMeanReversion({ rsiBars: p('rsi'), atrBars: p('atr'), stopAtr: p('stopAtr'), oversold: p('oversold'), recovered: p('recovered') }),
      };
    case 'do-nothing':
      return { ok: true, parameters, strategy: createDoNothing() };
  }
}
