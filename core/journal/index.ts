/**
 * The journal: one SQLite file (WAL, synchronous = FULL) holding the hash-chained, append-only
 * audit log, and the tables other layers register through `registerMigrations`.
 *
 * Every arrow of the pipeline appends an audit event; payloads are stripped of secrets and
 * canonicalised before hashing; `verifyJournal` finds the first row that was changed, removed,
 * inserted or reordered; the Activity screen pages through `query`
 * (on a read-only `JournalReader` while a bot writes the file); exports go to CSV or JSON.
 */
export { openJournal, type OpenJournalOptions, Journal } from './journal.ts';
export { verifyJournal, type JournalVerification, type VerificationFailure, type VerifyOptions } from './verifyJournal.ts';
export { auditExportChunks, exportAuditLog, csvField, CSV_COLUMNS, type AuditExportFormat, type AuditExportSource } from './auditExport.ts';
export { openJournalReader, JournalReader } from './journalReader.ts';
export { MAX_PAGE_SIZE, type AuditFilter, type AuditPage, type AuditPageRequest } from './auditQuery.ts';
export { auditRowHash, GENESIS_PREV_HASH, HASH_ALGORITHM, HASH_INPUT_FORMAT } from './auditChain.ts';
export { canonicalJson } from './canonicalJson.ts';
export { JournalError, type JournalErrorCode } from './journalError.ts';
export type { Migration } from './migrations.ts';
export {
  AUDIT_KINDS,
  isAuditKind,
  type AppendOptions,
  type AuditEvent,
  type AuditEventInput,
  type AuditKind,
  type ChainHead,
  type Durability,
} from './auditTypes.ts';
