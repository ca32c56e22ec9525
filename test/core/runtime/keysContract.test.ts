import { describe, expect, it } from 'vitest';
import { GateItemView, KeyEnvironment, KeyExchange } from '../../../core/contract/index.ts';
import { EXCHANGE_IDS, KEY_ENVIRONMENTS, type GateItemId } from '../../../core/keys/index.ts';

describe('the keys contract mirrors the keys layer', () => {
  it('lists the same exchanges and environments', () => {
    expect(KeyExchange.options).toEqual([...EXCHANGE_IDS]);
    expect(KeyEnvironment.options).toEqual([...KEY_ENVIRONMENTS]);
  });

  it('knows every checklist item of the live gate', () => {
    const ids: Record<GateItemId, true> = {
      'withdraw-off': true, 'trade-permission': true, 'no-futures-or-margin': true, 'risk-limits': true,
      'key-age': true, 'confirmation': true, 'paper-record': true, 'ai-model': true, 'exchange-stops': true,
    };
    expect([...GateItemView.shape.id.options].sort()).toEqual(Object.keys(ids).sort());
  });
});
