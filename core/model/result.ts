/**
 * The one shape of an outcome that can fail, in every layer: `ok` tells which side it is. Each
 * layer picks its own error type (a code with parameters, never English composed in core).
 */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value });

export const err = <E>(error: E): { readonly ok: false; readonly error: E } => ({ ok: false, error });
