import { describe, expect, it, vi } from 'vitest';
import { ContractError } from '../../../../core/contract/index.ts';
import type { KeysRuntime } from '../../../../core/runtime/keys/keysRuntime.ts';
import type { LiveBot } from '../../../../core/runtime/live/liveBot.ts';
import { liveBotControlFor } from '../../../../core/runtime/live/liveBotControl.ts';

/** Only what the start reads before it would reach the exchange. */
function controlWith(strategyId: string | undefined) {
  const start = vi.fn();
  const summaryOf = vi.fn();
  const keys = { readiness: { liveStrategyId: () => Promise.resolve(strategyId) }, summaryOf } as unknown as KeysRuntime;
  const control = liveBotControlFor({ keys, liveBot: { start } as unknown as LiveBot, paperConfig: () => null });
  return { control, start, summaryOf };
}

describe('starting the live bot', () => {
  it.each(['llm-advisor', 'ai-model'])('refuses %s in plain words even if the gate were passed by, before touching the key or the exchange', async (strategyId) => {
    const { control, start, summaryOf } = controlWith(strategyId);
    const refused = control.start('key-1', undefined, () => true);
    await expect(refused).rejects.toBeInstanceOf(ContractError);
    await expect(refused).rejects.toThrow(/paper only/);
    expect(summaryOf).not.toHaveBeenCalled();
    expect(start).not.toHaveBeenCalled();
  });
});
