import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;
// Main and preload import core through this alias (the same mapping as package.json "imports").
const alias = { '#core': resolve(root, 'core') };

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: resolve(root, 'out/main'),
      // An input rather than `lib`: the backtest worker (a `?modulePath` import) is bundled with
      // this config too, and a lib build hands electron-vite a list of outputs it cannot read. The
      // model training worker is its own entry: a worker thread loads it from a file.
      rolldownOptions: { input: { index: resolve(root, 'electron/main/index.ts'), trainingWorker: resolve(root, 'core/runtime/ai/trainingWorker.ts') } },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: resolve(root, 'out/preload'),
      lib: { entry: resolve(root, 'electron/preload/index.ts') },
      // A sandboxed preload cannot require anything but electron: bundle every dependency
      // into one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: { output: { format: 'cjs', entryFileNames: 'index.cjs' } },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
