import { BoostedTreesModel, boostedTreesParametersSchema } from './boostedTrees.ts';
import { LogisticRegressionModel, logisticParametersSchema } from './logisticRegression.ts';
import { decodeJson } from './modelBytes.ts';
import type { Model } from './model.ts';

export type ModelReadResult = { readonly ok: true; readonly model: Model } | { readonly ok: false; readonly code: 'MODEL_FILE_UNREADABLE'; readonly detail: string };

/**
 * Reads model bytes written by `serialise`. Fails closed: bytes that are not a known, complete
 * and well-formed model file give a code, never a half-built model.
 */
export function deserialiseModel(bytes: Uint8Array): ModelReadResult {
  const json = decodeJson(bytes);
  const kind = typeof json === 'object' && json !== null && 'kind' in json ? json.kind : undefined;
  try {
    if (kind === 'logistic') {
      const parsed = logisticParametersSchema.safeParse(json);
      if (parsed.success) return { ok: true, model: new LogisticRegressionModel(parsed.data) };
      return unreadable(parsed.error.issues[0]?.message ?? 'invalid logistic model');
    }
    if (kind === 'boostedTrees') {
      const parsed = boostedTreesParametersSchema.safeParse(json);
      if (parsed.success) return { ok: true, model: new BoostedTreesModel(parsed.data) };
      return unreadable(parsed.error.issues[0]?.message ?? 'invalid boosted-trees model');
    }
  } catch (error) {
    return unreadable(error instanceof Error ? error.message : 'invalid model');
  }
  return unreadable('not a Ballast model file');
}

function unreadable(detail: string): ModelReadResult {
  return { ok: false, code: 'MODEL_FILE_UNREADABLE', detail };
}
