import { resolveStrategyParameters, type StrategyParameterProblem } from '../signals/index.ts';

/** Values to try for each parameter; every combination is one trial. */
export type ParameterGrid = Readonly<Record<string, readonly number[]>>;

/** Most combinations one sweep may try: beyond it the overfitting statistics say little anyway. */
export const MAX_SWEEP_TRIALS = 10_000;

export type GridExpansion =
  | { readonly ok: true; readonly combinations: readonly Readonly<Record<string, number>>[]; readonly skipped: number }
  | { readonly ok: false; readonly problem: StrategyParameterProblem | { readonly code: 'GRID_EMPTY' | 'GRID_TOO_LARGE'; readonly params: Readonly<Record<string, number | string>> } };

/**
 * Every combination of the grid's values, in a fixed order (the first parameter varies slowest),
 * on top of `fixed`. A combination the strategy cannot run (a fast average slower than the slow
 * one) is skipped and counted, never tried; a parameter the strategy does not have, or a value
 * out of its range, refuses the whole grid.
 */
export function expandGrid(strategy: string, grid: ParameterGrid, fixed: Readonly<Record<string, number>> = {}): GridExpansion {
  const names = Object.keys(grid);
  let size = 1;
  for (const name of names) size *= (grid[name] ?? []).length;
  if (names.length === 0 || size === 0) return { ok: false, problem: { code: 'GRID_EMPTY', params: { strategy } } };
  if (size > MAX_SWEEP_TRIALS) return { ok: false, problem: { code: 'GRID_TOO_LARGE', params: { combinations: size, limit: MAX_SWEEP_TRIALS } } };
  const combinations: Record<string, number>[] = [];
  let skipped = 0;
  const current: Record<string, number> = { ...fixed };
  const visit = (depth: number): StrategyParameterProblem | null => {
    if (depth === names.length) {
      const resolved = resolveStrategyParameters(strategy, current);
      if (resolved.ok) combinations.push({ ...current });
      else if (resolved.problem.code === 'PARAMETERS_INCONSISTENT') skipped++;
      else return resolved.problem;
      return null;
    }
    const name = names[depth] as string;
    for (const value of grid[name] ?? []) {
      current[name] = value;
      const problem = visit(depth + 1);
      if (problem !== null) return problem;
    }
    return null;
  };
  const problem = visit(0);
  if (problem !== null) return { ok: false, problem };
  if (combinations.length === 0) return { ok: false, problem: { code: 'GRID_EMPTY', params: { strategy } } };
  return { ok: true, combinations, skipped };
}

/** `from` to `to` inclusive in steps of `step` (rounded to 12 digits, so 0.1 steps stay exact). */
export function valueRange(from: number, to: number, step: number): number[] {
  if (!(step > 0) || !Number.isFinite(from) || !Number.isFinite(to) || to < from) return [];
  const values: number[] = [];
  for (let k = 0; ; k++) {
    const value = Number((from + k * step).toPrecision(12));
    if (value > to + step * 1e-9 || values.length > MAX_SWEEP_TRIALS) break;
    values.push(value);
  }
  return values;
}
