import { describe, expect, it } from 'vitest';
import { CAPITAL_LADDER_MESSAGES, LADDER_CODES } from '../../../core/risk/index.ts';
import { en } from '../../../renderer/src/i18n/en.ts';

describe('the words of the capital ladder on the live panel', () => {
  it('say every reason a raise is not offered or a step is refused exactly as the risk layer does', () => {
    expect(en.liveBot.ladder.reason).toEqual(CAPITAL_LADDER_MESSAGES);
    expect(Object.keys(en.liveBot.ladder.reason).sort()).toEqual([...LADDER_CODES].sort());
  });
});
