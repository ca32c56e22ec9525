import { build, type Rolldown } from 'vite';
import { join } from 'node:path';
import { repoRoot } from '../../support/sharedData.ts';

let cached: Promise<string> | undefined;

/** pageBridge.ts as one classic script, ready for `page.addInitScript`. */
export function bridgeBundle(): Promise<string> {
  cached ??= bundle();
  return cached;
}

async function bundle(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: join(repoRoot, 'test/e2e/harness/pageBridge.ts'), formats: ['iife'], name: 'BallastHarnessBridge' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((output) => output.output).find((item) => item.type === 'chunk');
  if (!chunk) throw new Error('The harness bridge did not build.');
  return chunk.code;
}
