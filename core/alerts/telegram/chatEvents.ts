import type { Journal } from '../../journal/index.ts';

/** What Ballast did with one thing received from Telegram. */
export type ChatEventOutcome =
  | 'linked'
  | 'link-code-wrong'
  | 'ignored-unverified-chat'
  | 'ignored-group-chat'
  | 'ignored-from-bot'
  | 'ignored-stale'
  | 'ignored-unreadable'
  | 'status'
  | 'pause'
  | 'kill-requested'
  | 'kill-confirmed'
  | 'kill-confirm-expired'
  | 'not-available';

export interface ChatEvent {
  readonly atMs: number;
  readonly chatId: string | null;
  readonly outcome: ChatEventOutcome;
  /** What was sent, shortened; the journal masks anything secret-looking in it. */
  readonly text: string;
}

/** Every command, accepted or ignored, is recorded: an ignored one from a stranger is worth knowing about. */
export interface ChatEventRecorder {
  record(event: ChatEvent): void;
}

/** Records chat events as audit events in the journal (kind `person_action`, subject `telegram`). */
export function journalChatRecorder(journal: Journal): ChatEventRecorder {
  return {
    record(event) {
      journal.append({ atMs: event.atMs, kind: 'person_action', subject: 'telegram', payload: { outcome: event.outcome, chatId: event.chatId, text: event.text.slice(0, 200) } });
    },
  };
}
