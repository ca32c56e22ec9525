// Bundled into one script for the first-paint benchmark: the dashboard's real PriceChart, fed
// a given number of candles, timed from render to the frame after the chart has drawn.
import { createRoot } from 'react-dom/client';
import type { CandleColumns } from '../../../core/contract/index.ts';
import { PriceChart } from '../../../renderer/src/screens/dashboard/PriceChart.tsx';

function columns(count: number): CandleColumns {
  const timeMs: number[] = [];
  const open: number[] = [];
  const high: number[] = [];
  const low: number[] = [];
  const close: number[] = [];
  let price = 30_000;
  for (let i = 0; i < count; i += 1) {
    const next = price * (1 + Math.sin(i / 37) * 0.004 + Math.cos(i / 11) * 0.002);
    timeMs.push(1_500_000_000_000 + i * 3_600_000);
    open.push(price);
    close.push(next);
    high.push(Math.max(price, next) * 1.002);
    low.push(Math.min(price, next) * 0.998);
    price = next;
  }
  return { timeMs, open, high, low, close };
}

const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => { resolve(); }));

Object.assign(window, {
  measureFirstPaint: async (count: number): Promise<number> => {
    const data = columns(count);
    const container = document.createElement('div');
    container.style.width = '1200px';
    document.body.replaceChildren(container);
    await nextFrame();
    const start = performance.now();
    const root = createRoot(container);
    root.render(<PriceChart candles={data} overlays={[]} markers={[]} label="bench" />);
    // Two frames: React commits and the chart schedules its draw in the first, paints in the second.
    await nextFrame();
    await nextFrame();
    const elapsed = performance.now() - start;
    if (container.querySelector('canvas') === null) throw new Error('the chart drew nothing');
    root.unmount();
    return elapsed;
  },
});
