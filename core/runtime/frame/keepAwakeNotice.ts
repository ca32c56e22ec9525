// A continue after a safe-mode question, or a Resume, is not a new start.
import { botIsUnderWay, type BotPhase, type EventHub } from '../../contract/index.ts';

export const KEEP_AWAKE_NOTICE = {
  title: 'This computer stays awake while the bot runs',
  message:
    'Ballast keeps this computer awake while the bot runs. If the computer sleeps or is switched off, ' +
    'only stop orders placed on the exchange protect your positions.',
} as const;


/**
 * Tells the person, each time a bot starts, what keeping the computer awake does and does not
 * protect. Only for hosts that really keep it awake (the desktop app); returns an unsubscribe.
 */
export function announceKeepAwakeOnBotStart(events: EventHub, nowMs: () => number): () => void {
  let previous: BotPhase = 'idle';
  return events.subscribe((message) => {
    if (message.name !== 'botProgressed') return;
    const { phase } = message.payload as { phase: BotPhase };
    const started = phase === 'running' && !botIsUnderWay(previous);
    previous = phase;
    if (!started) return;
    const atMs = Math.max(0, Math.floor(nowMs()));
    events.emit('alertRaised', { id: `keep-awake-${atMs}`, atMs, severity: 'info', ...KEEP_AWAKE_NOTICE });
  });
}
