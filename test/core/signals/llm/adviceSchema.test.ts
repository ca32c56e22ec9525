import { describe, expect, it } from 'vitest';
import { ADVICE_FIELDS, AdviceAnswer, AdviceWireShape, adviceResponseFormat, RANGE_KEYWORDS } from '../../../../core/signals/llm/index.ts';
import { goodAnswer } from '../../../fake-llm/answers.ts';

function keywordsIn(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) keywordsIn(item, found);
  else if (schema !== null && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      found.add(key);
      keywordsIn(value, found);
    }
  }
  return found;
}

describe('the advice schema', () => {
  const format = adviceResponseFormat();
  const schema = format.json_schema.schema as { properties: Record<string, { type?: string }>; required: string[]; additionalProperties: boolean };

  it('sends a strict JSON schema with every field required and no others allowed', () => {
    expect(format.type).toBe('json_schema');
    expect(format.json_schema.strict).toBe(true);
    expect(new Set(schema.required)).toEqual(new Set(ADVICE_FIELDS));
    expect(Object.keys(schema.properties).sort()).toEqual([...ADVICE_FIELDS].sort());
    expect(schema.additionalProperties).toBe(false);
  });

  it('keeps every value range out of the schema sent to the server', () => {
    const keywords = keywordsIn(format.json_schema.schema);
    for (const keyword of RANGE_KEYWORDS) expect(keywords.has(keyword)).toBe(false);
    // The ranges are not lost: the checked schema applies them after parsing.
    expect(AdviceAnswer.safeParse(goodAnswer({ probabilityUp: 1.01 })).success).toBe(false);
    expect(AdviceAnswer.safeParse(goodAnswer({ confidence: -0.01 })).success).toBe(false);
    expect(AdviceAnswer.safeParse(goodAnswer({ keyFactors: ['a', 'b', 'c', 'd', 'e', 'f'] })).success).toBe(false);
    expect(AdviceAnswer.safeParse(goodAnswer({ rationale: 'x'.repeat(601) })).success).toBe(false);
    expect(AdviceAnswer.safeParse(goodAnswer({ rationale: 'x'.repeat(600) })).success).toBe(true);
  });

  it('declares the same fields on the wire as it checks', () => {
    expect(Object.keys(AdviceWireShape.shape).sort()).toEqual(Object.keys(AdviceAnswer.shape).sort());
    expect(schema.properties.stance).toMatchObject({ enum: ['bullish', 'neutral', 'bearish'] });
  });

  it('rejects a field that was not asked for instead of dropping it', () => {
    expect(AdviceAnswer.safeParse(goodAnswer({ orderSizeBase: 1 })).success).toBe(false);
    expect(AdviceWireShape.safeParse(goodAnswer({ orderSizeBase: 1 })).success).toBe(false);
  });
});
