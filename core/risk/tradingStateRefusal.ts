/** Why the trading state machine refused a person's request; the app maps each to the contract's codes. */
export type TradingStateRefusalCode =
  /** The current state does not allow it (resume while killed, leave safe mode while active…). */
  | 'NOT_ALLOWED_IN_STATE'
  /** The re-arm phrase was not typed exactly. */
  | 'CONFIRMATION_MISMATCH'
  /** A safety check is still tripped, so the latch cannot be released yet. */
  | 'CHECKS_STILL_TRIPPED';

/** Thrown for expected refusals; nothing was changed. `message` is plain words for the person. */
export class TradingStateRefusal extends Error {
  readonly code: TradingStateRefusalCode;

  constructor(code: TradingStateRefusalCode, message: string) {
    super(message);
    this.name = 'TradingStateRefusal';
    this.code = code;
  }
}
