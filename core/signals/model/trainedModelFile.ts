import { z } from 'zod';
import { driftReferenceSchema } from './driftReference.ts';
import { decodeJson, encodeCanonical, sha256Hex } from './modelBytes.ts';
import type { ModelCard } from './modelCard.ts';
import { deserialiseModel } from './modelCodec.ts';
import type { TrainedModel } from './train.ts';

/**
 * One file per trained model: the model, its calibration, its drift reference and its card, in
 * canonical JSON. Files are versioned by the sha256 of their bytes (`fileHash`); the card also
 * names the hash of the model alone, which every journaled signal carries.
 */
export const TRAINED_MODEL_FORMAT = 'ballast.trained-model';

const fileSchema = z.object({
  format: z.literal(TRAINED_MODEL_FORMAT),
  version: z.literal(1),
  model: z.unknown(),
  calibration: z.object({ a: z.number(), b: z.number() }),
  driftReference: driftReferenceSchema,
  // The card is display data Ballast wrote itself; its integrity rests on the model hash check below.
  card: z.looseObject({ cardVersion: z.literal(1), modelHash: z.string(), verdict: z.object({ usableLive: z.boolean(), reasons: z.array(z.unknown()) }) }),
});

export function serialiseTrainedModel(trained: TrainedModel): Uint8Array {
  return encodeCanonical({
    format: TRAINED_MODEL_FORMAT,
    version: 1,
    model: decodeJson(trained.modelBytes),
    calibration: trained.calibration,
    driftReference: trained.driftReference,
    card: trained.card,
  });
}

export function fileHash(bytes: Uint8Array): string {
  return sha256Hex(bytes);
}

export type TrainedModelReadResult = { readonly ok: true; readonly value: TrainedModel } | { readonly ok: false; readonly code: 'MODEL_FILE_UNREADABLE'; readonly detail: string };

/** Reads a trained-model file; fails closed on anything damaged or inconsistent. */
export function readTrainedModel(bytes: Uint8Array): TrainedModelReadResult {
  const json = decodeJson(bytes);
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, code: 'MODEL_FILE_UNREADABLE', detail: parsed.error.issues[0]?.message ?? 'not a trained model file' };
  const modelBytes = encodeCanonical(parsed.data.model);
  const model = deserialiseModel(modelBytes);
  if (!model.ok) return { ok: false, code: 'MODEL_FILE_UNREADABLE', detail: model.detail };
  const modelHash = sha256Hex(modelBytes);
  if (modelHash !== parsed.data.card.modelHash) return { ok: false, code: 'MODEL_FILE_UNREADABLE', detail: 'the model does not match the hash on its card' };
  const driftReference = parsed.data.driftReference;
  if (driftReference.features.some((feature) => feature.column >= model.model.featureNames.length)) {
    return { ok: false, code: 'MODEL_FILE_UNREADABLE', detail: 'the drift reference names a feature the model does not have' };
  }
  // The card as written (key order kept), so the file reads back and re-saves byte for byte.
  const card = (json as { card: unknown }).card as ModelCard;
  return { ok: true, value: { model: model.model, modelBytes, modelHash, calibration: parsed.data.calibration, driftReference, card } };
}
