// Runs inside the page (bundled to one script by bridgeBundle.ts). It builds `window.ballast`
// with the very generator the Electron preload uses; only the transport differs: a Playwright
// binding instead of ipcRenderer.
import { createBridge } from '../../../core/contract/index.ts';

interface HarnessWindow {
  __ballastHarnessInvoke?: (command: string, input: unknown) => Promise<unknown>;
}

const listeners = new Set<(message: unknown) => void>();

const ballast = createBridge({
  invoke: (command, input) => {
    const invoke = (window as unknown as HarnessWindow).__ballastHarnessInvoke;
    if (!invoke) return Promise.reject(new Error('harness binding missing'));
    return invoke(command, input);
  },
  subscribe: (listener) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
});

Object.defineProperty(window, 'ballast', { value: ballast, enumerable: true, configurable: false, writable: false });
Object.defineProperty(window, '__ballastHarnessDeliver', {
  value: (message: unknown) => {
    for (const listener of listeners) listener(message);
  },
  enumerable: false,
  configurable: false,
  writable: false,
});
