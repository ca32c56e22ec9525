import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { commandChannel, createBridge, EVENT_CHANNEL } from '#core/contract/index.ts';

// The page gets exactly one object, generated from the contract. No ipcRenderer, no channel
// names, no generic send: only the contract's commands and `on`.
const ballast = createBridge({
  invoke: (command, input) => ipcRenderer.invoke(commandChannel(command), input),
  subscribe: (listener) => {
    const forward = (_event: IpcRendererEvent, message: unknown): void => {
      listener(message);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
});

contextBridge.exposeInMainWorld('ballast', ballast);
