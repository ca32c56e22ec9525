import { describe, expect, it } from 'vitest';
import { MIN_DEFLATED_SHARPE, modelVerdict } from '../../../../core/signals/model/index.ts';

describe('the live gate reading of a model card', () => {
  it('allows live use only with positive out-of-sample Brier skill and a deflated Sharpe of at least 0.95', () => {
    expect(MIN_DEFLATED_SHARPE).toBe(0.95);
    expect(modelVerdict(0.01, 0.95)).toEqual({ usableLive: true, reasons: [] });
  });

  it('refuses a model no better than the base rate, with a code', () => {
    expect(modelVerdict(0, 0.99)).toEqual({ usableLive: false, reasons: [{ code: 'MODEL_NO_EDGE_BRIER', params: { brierSkill: 0 } }] });
    expect(modelVerdict(-0.02, 0.99).usableLive).toBe(false);
    expect(modelVerdict(Number.NaN, 0.99).reasons[0]?.code).toBe('MODEL_NO_EDGE_BRIER');
  });

  it('refuses a low deflated Sharpe, and fails closed when the backtest has not supplied one', () => {
    expect(modelVerdict(0.05, 0.949)).toEqual({ usableLive: false, reasons: [{ code: 'MODEL_DEFLATED_SHARPE_LOW', params: { deflatedSharpe: 0.949, minimum: 0.95 } }] });
    expect(modelVerdict(0.05, null).reasons.map((r) => r.code)).toEqual(['MODEL_DEFLATED_SHARPE_MISSING']);
    expect(modelVerdict(-0.01, null).reasons.map((r) => r.code)).toEqual(['MODEL_NO_EDGE_BRIER', 'MODEL_DEFLATED_SHARPE_MISSING']);
  });
});
