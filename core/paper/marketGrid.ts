/**
 * Rounding on a market's grid (amount steps, price ticks). Binance keeps 8 decimals; amounts and
 * prices are snapped with `toFixed` after each step so float noise (0.1 + 0.2) never leaks into a
 * balance or a filter check.
 */
export function round8(value: number): number {
  const rounded = Math.round(value * 1e8) / 1e8;
  return rounded === 0 ? 0 : rounded;
}

function decimalsOf(step: number): number {
  const [mantissa = '', exponentText = '0'] = step.toExponential().split('e');
  return Math.max(0, (mantissa.split('.')[1]?.length ?? 0) - Number(exponentText));
}

function snapped(steps: number, step: number): number {
  return Number((steps * step).toFixed(Math.min(decimalsOf(step), 20)));
}

/** Largest multiple of `step` not above `value` (amounts always round down). */
export function floorToStep(value: number, step: number): number {
  if (!(value > 0)) return 0;
  return snapped(Math.floor(value / step + 1e-9), step);
}

export function ceilToStep(value: number, step: number): number {
  if (!(value > 0)) return 0;
  return snapped(Math.ceil(value / step - 1e-9), step);
}

/**
 * The number of steps `value` is above `origin`, or undefined when it sits off the grid. A
 * millionth of a step is float noise from arithmetic, not an intended value.
 */
export function stepsFrom(value: number, origin: number, step: number): number | undefined {
  const steps = Math.round((value - origin) / step);
  return Math.abs(origin + steps * step - value) > step * 1e-6 ? undefined : steps;
}
