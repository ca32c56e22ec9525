import { stat } from 'node:fs/promises';
import { MAX_IMPORT_FILE_BYTES, type ImportError } from './importProblems.ts';
import { importFailure } from './importWording.ts';

type Refusal = { readonly ok: false; readonly error: ImportError };

const LIMIT_MB = Math.round(MAX_IMPORT_FILE_BYTES / 1_000_000);

export function tooLarge(): Refusal {
  return importFailure('FILE_TOO_LARGE', { limitMb: LIMIT_MB });
}

/**
 * Why a file could not be read, as a code: the system's own error text names paths and
 * system calls, which mean nothing to the person and are not shown.
 */
export function readFailure(error: unknown): Refusal {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (code === 'ENOENT' || code === 'ENOTDIR') return importFailure('FILE_NOT_FOUND');
  if (code === 'EACCES' || code === 'EPERM') return importFailure('FILE_NOT_PERMITTED');
  return importFailure('UNREADABLE_FILE');
}

/** Refuses a file over the size limit before reading it; null when it may be read. */
export async function refuseUnreadableOrLarge(path: string): Promise<Refusal | null> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return importFailure('UNREADABLE_FILE');
    return info.size > MAX_IMPORT_FILE_BYTES ? tooLarge() : null;
  } catch (error) {
    return readFailure(error);
  }
}
