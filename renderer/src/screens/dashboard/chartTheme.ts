import { ColorType, CrosshairMode, type DeepPartial, type ChartOptions } from 'lightweight-charts';

/** Colours match styles.css; the chart draws on canvas, so it cannot read CSS variables. */
export const CHART_COLORS = {
  text: '#9aa7b4',
  grid: '#1f2a36',
  up: '#3fb950',
  down: '#f85149',
  buy: '#4c9aff',
  sell: '#f0883e',
  overlays: ['#d2a8ff', '#e3b341', '#79c0ff'],
  equity: '#4c9aff',
  buyAndHold: '#9aa7b4',
} as const;

export const chartOptions = (height: number): DeepPartial<ChartOptions> => ({
  height,
  autoSize: true,
  layout: { background: { type: ColorType.Solid, color: 'transparent' }, textColor: CHART_COLORS.text, attributionLogo: false },
  grid: { vertLines: { color: CHART_COLORS.grid }, horzLines: { color: CHART_COLORS.grid } },
  timeScale: { timeVisible: true, secondsVisible: false, borderColor: CHART_COLORS.grid },
  rightPriceScale: { borderColor: CHART_COLORS.grid },
  crosshair: { mode: CrosshairMode.Normal },
});
