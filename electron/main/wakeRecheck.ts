import type { Logger } from '#core/log/index.ts';

/** The part of Electron's powerMonitor this needs ('resume': the computer woke from sleep). */
export interface ResumeSource {
  on(event: 'resume', listener: () => void): unknown;
  removeListener(event: 'resume', listener: () => void): unknown;
}

/** The live bot's check against the exchange, run again before anything else. */
export interface WakeCheck {
  recheck(reason: 'wake' | 'reconnect'): Promise<void>;
}

/**
 * After the computer wakes, the live bot checks the account against its record before it acts on
 * any bar: orders may have filled, stops triggered or the person traded while it slept. The bot
 * also notices a sleep by the gap between its polls; this makes the check start the moment the
 * system says it woke. A failed check is logged (the bot itself falls back to no trading).
 * Returns the function that stops listening.
 */
export function recheckAfterWake(source: ResumeSource, liveBot: WakeCheck, log: Pick<Logger, 'info' | 'error'>): () => void {
  const onResume = (): void => {
    log.info('computer woke from sleep: the live bot checks the account first');
    liveBot.recheck('wake').catch((error: unknown) => { log.error({ err: error }, 'live check after wake failed'); });
  };
  source.on('resume', onResume);
  return () => { source.removeListener('resume', onResume); };
}
