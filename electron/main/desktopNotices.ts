import type { Alert, AlertSeverity, TradingStateName, TradingStateSnapshot } from '#core/contract/index.ts';
import { redactText } from '#core/log/index.ts';
import { desktopStrings, fillIn } from './desktopStrings.ts';

export type NoticeUrgency = 'low' | 'normal' | 'critical';

/** A desktop notification as plain data; the adapter hands it to Electron's `Notification`. */
export interface DesktopNotice {
  readonly title: string;
  readonly body: string;
  readonly urgency: NoticeUrgency;
}

const MAX_TITLE_CHARS = 64;
// Notification centres cut long text anyway; the full message is in the window's alert list.
const MAX_BODY_CHARS = 200;

/**
 * Text fit for a notification, which other people may see on a screen or a lock screen: redacted,
 * with long key-like runs (an API key, a secret, a signature, a hash) masked too, one line,
 * bounded. Core never puts secrets into alerts; this is the second net.
 */
export function noticeText(text: string, maxChars: number): string {
  return redactText(text, { maskKeyLikeText: true, maxChars });
}

const URGENCY_OF_SEVERITY: Readonly<Record<AlertSeverity, NoticeUrgency>> = { info: 'low', warning: 'normal', critical: 'critical' };
const URGENCY_OF_STATE: Readonly<Record<TradingStateName, NoticeUrgency>> = { ACTIVE: 'low', PAUSED: 'normal', SAFE_MODE: 'normal', KILLED: 'critical' };

export function noticeForAlert(alert: Alert): DesktopNotice {
  return {
    title: noticeText(alert.title, MAX_TITLE_CHARS),
    body: noticeText(alert.message, MAX_BODY_CHARS),
    urgency: URGENCY_OF_SEVERITY[alert.severity],
  };
}

/**
 * A notice only when the state itself changes (a trigger tripping or clearing inside the same
 * state is for the window), and not for the state Ballast starts in.
 */
export function noticeForStateChange(previous: TradingStateName | undefined, next: TradingStateSnapshot): DesktopNotice | null {
  if (previous === undefined || previous === next.state) return null;
  const stateName = desktopStrings.state[next.state];
  return {
    title: noticeText(fillIn(desktopStrings.notices.stateTitle, { state: stateName }), MAX_TITLE_CHARS),
    body: noticeText(`${next.cause.message} ${desktopStrings.stateExplained[next.state]}`, MAX_BODY_CHARS),
    urgency: URGENCY_OF_STATE[next.state],
  };
}

/** With the window in front, the person already sees alerts there; only critical ones also go to the desktop. */
export function worthNotifying(notice: DesktopNotice, windowFocused: boolean): boolean {
  return !windowFocused || notice.urgency === 'critical';
}

export interface NoticePolicy {
  /** Notices shown per window, per class (critical has its own budget, so a storm of warnings cannot hide a kill). */
  readonly maxPerWindow: number;
  readonly windowMs: number;
}

export const DEFAULT_NOTICE_POLICY: NoticePolicy = Object.freeze({ maxPerWindow: 3, windowMs: 60_000 });

type NoticeClass = 'critical' | 'other';

/**
 * Keeps a storm of events from becoming a storm of notifications: at most `maxPerWindow` per
 * sliding window per class, a repeat of a notice still in the window is dropped, and what was
 * held back becomes one summary notice once there is room (`flush`, at `nextFlushAtMs`).
 */
export class NoticeThrottle {
  readonly #policy: NoticePolicy;
  readonly #shown: Record<NoticeClass, { atMs: number; key: string }[]> = { critical: [], other: [] };
  #heldBack = 0;

  constructor(policy: NoticePolicy = DEFAULT_NOTICE_POLICY) {
    this.#policy = policy;
  }

  /** The notice to show now, or null if it is held back (counted for the summary) or a repeat. */
  offer(notice: DesktopNotice, atMs: number): DesktopNotice | null {
    const shown = this.#recent(notice.urgency === 'critical' ? 'critical' : 'other', atMs);
    const key = `${notice.title}\n${notice.body}`;
    if (shown.some((entry) => entry.key === key)) return null;
    if (shown.length >= this.#policy.maxPerWindow) {
      this.#heldBack += 1;
      return null;
    }
    shown.push({ atMs, key });
    return notice;
  }

  /** One summary of the held-back notices, once the window has room again; null otherwise. */
  flush(atMs: number): DesktopNotice | null {
    if (this.#heldBack === 0) return null;
    const shown = this.#recent('other', atMs);
    if (shown.length >= this.#policy.maxPerWindow) return null;
    const count = this.#heldBack;
    this.#heldBack = 0;
    shown.push({ atMs, key: 'held-back-summary' });
    return { title: desktopStrings.notices.heldBackTitle, body: fillIn(desktopStrings.notices.heldBackBody, { count }), urgency: 'normal' };
  }

  /** When `flush` can next produce the summary; null when nothing is held back. */
  nextFlushAtMs(atMs: number): number | null {
    if (this.#heldBack === 0) return null;
    const shown = this.#recent('other', atMs);
    if (shown.length < this.#policy.maxPerWindow) return atMs;
    const oldest = shown[shown.length - this.#policy.maxPerWindow];
    return (oldest?.atMs ?? atMs) + this.#policy.windowMs;
  }

  #recent(kind: NoticeClass, atMs: number): { atMs: number; key: string }[] {
    const list = this.#shown[kind];
    while (list.length > 0 && (list[0]?.atMs ?? atMs) <= atMs - this.#policy.windowMs) list.shift();
    return list;
  }
}
