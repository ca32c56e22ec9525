import { create } from 'zustand';
import type {
  ContractErrorPayload, KeyCheckView, KeyEncryptionView, KeyList, KeyView, LiveStatusView, Result,
} from '#core/contract/index.ts';
import { ballast } from '../../ballast.ts';
import { useAppStore } from '../../store/appStore.ts';

interface KeysState {
  readonly encryption: KeyEncryptionView | null;
  readonly list: KeyList | null;
  readonly live: LiveStatusView | null;
  readonly loadError: string | null;
  /** The answer of the last "Check again" per key, shown on its card. */
  readonly checks: Readonly<Record<string, KeyCheckView>>;
  /** Key ids with a request in flight. */
  readonly busyKeys: readonly string[];
  /** The last refusal of a key-list action, with the key it was about. */
  readonly listError: { keyId: string; error: ContractErrorPayload } | null;
  readonly passphraseError: ContractErrorPayload | null;
  readonly liveNotice: 'started' | 'stopped' | null;
}

interface KeysActions {
  readonly load: () => Promise<void>;
  readonly subscribe: () => () => void;
  readonly setPassphrase: (passphrase: string) => Promise<boolean>;
  readonly reverify: (keyId: string) => Promise<void>;
  readonly deleteKey: (keyId: string) => Promise<boolean>;
  readonly stopLive: () => Promise<void>;
  readonly liveStarted: (live: LiveStatusView) => void;
}

/** The mode badge lives in the frame's store; refresh it when live mode changes. */
const refreshFrame = (): void => {
  void useAppStore.getState().load();
};

export const useKeysStore = create<KeysState & KeysActions>()((set, get) => {
  const busy = (keyId: string, on: boolean): void => {
    const others = get().busyKeys.filter((id) => id !== keyId);
    set({ busyKeys: on ? [...others, keyId] : others });
  };
  const keepIfOk = <T>(result: Result<T>, keyId: string): T | undefined => {
    if (result.ok) return result.value;
    set({ listError: { keyId, error: result.error } });
    return undefined;
  };

  return {
    encryption: null,
    list: null,
    live: null,
    loadError: null,
    checks: {},
    busyKeys: [],
    listError: null,
    passphraseError: null,
    liveNotice: null,

    async load() {
      const api = ballast();
      const [encryption, list, live] = await Promise.all([api.getKeyEncryption(), api.listKeys(), api.getLiveStatus()]);
      const failures = [encryption, list, live].flatMap((result) => (result.ok ? [] : [result.error.message]));
      set({
        encryption: encryption.ok ? encryption.value : get().encryption,
        list: list.ok ? list.value : get().list,
        live: live.ok ? live.value : get().live,
        loadError: failures[0] ?? null,
      });
    },

    subscribe() {
      return ballast().on('liveStatusChanged', (live) => {
        const wasLive = get().live?.mode === 'live';
        set({ live });
        if (wasLive !== (live.mode === 'live')) refreshFrame();
        // Every re-check updates the key's card (its last check and permissions).
        void get().load();
      });
    },

    async setPassphrase(passphrase) {
      set({ passphraseError: null });
      const result = await ballast().setKeyPassphrase({ passphrase });
      if (!result.ok) {
        set({ passphraseError: result.error });
        return false;
      }
      set({ encryption: result.value });
      await get().load();
      return true;
    },

    async reverify(keyId) {
      set({ listError: null });
      busy(keyId, true);
      const result = await ballast().reverifyKey({ keyId });
      busy(keyId, false);
      const value = keepIfOk(result, keyId);
      if (value) set({ checks: { ...get().checks, [keyId]: value.check } });
      await get().load();
    },

    async deleteKey(keyId) {
      set({ listError: null });
      busy(keyId, true);
      const result = await ballast().deleteKey({ keyId, confirmed: true });
      busy(keyId, false);
      const deleted = keepIfOk(result, keyId) !== undefined;
      await get().load();
      return deleted;
    },

    async stopLive() {
      const result = await ballast().stopLive();
      if (result.ok) set({ live: result.value, liveNotice: 'stopped' });
      refreshFrame();
      await get().load();
    },

    liveStarted(live) {
      set({ live, liveNotice: 'started' });
      refreshFrame();
      void get().load();
    },
  };
});

/** Keys the live gate can use: live keys, sorted as listed. */
export const liveKeys = (list: KeyList | null): KeyView[] => (list?.keys ?? []).filter((key) => key.environment === 'live');
