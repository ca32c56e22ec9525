import { chromium } from '@playwright/test';
import { build, type Rolldown } from 'vite';
import react from '@vitejs/plugin-react';
import { join } from 'node:path';
import { systemChromium } from '../e2e/fixtures.ts';
import { repoRoot } from '../support/sharedData.ts';
import { measureRounds, progress, round1 } from './stats.ts';

const CANDLES = 100_000;

async function bundleEntry(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [react()],
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: { write: false, minify: true, lib: { entry: join(repoRoot, 'test/bench/firstPaint/entry.tsx'), formats: ['iife'], name: 'FirstPaint' } },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((output) => output.output).find((item) => item.type === 'chunk');
  if (!chunk) throw new Error('the first-paint page did not build');
  return chunk.code;
}

/** The dashboard's price chart with 100,000 candles, in Chromium, from render to first paint. */
export async function benchDashboardFirstPaint(): Promise<Record<string, number>> {
  progress('dashboard first paint with 100,000 candles (Chromium)');
  const script = await bundleEntry();
  const executablePath = systemChromium();
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: script });
    const [p50] = await measureRounds(async () => [
      await page.evaluate((count) => (window as unknown as { measureFirstPaint: (n: number) => Promise<number> }).measureFirstPaint(count), CANDLES),
    ], [50]);
    return { dashboard_first_paint_100k_ms: round1(p50 ?? Number.NaN) };
  } finally {
    await browser.close();
  }
}
