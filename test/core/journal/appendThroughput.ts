/**
 * Audit append throughput. Not a test: run `node test/core/journal/appendThroughput.ts` (prints
 * one JSON line), or import `measureAppendThroughput` from a benchmark runner.
 *
 * - sync: every append its own commit with fsync (what an order row costs);
 * - batched: appends grouped in batch() calls of `batchSize` (what a replay can do);
 * - the parts of an append on their own: redaction + canonical JSON, SHA-256 of the row.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { auditRowHash, canonicalJson, openJournal, type AuditEventInput } from '../../../core/journal/index.ts';
import { SecretRedactor } from '../../../core/log/index.ts';

/** A signal event shaped like the strategy's: score, features and rationale. */
function signalEvent(i: number): AuditEventInput {
  return {
    atMs: 1_600_000_000_000 + i * 3_600_000,
    kind: 'signal',
    subject: 'BTC/USDT',
    payload: {
      strategy: 'trend-follower',
      score: ((i % 200) - 100) / 100,
      confidence: 0.8,
      horizonMs: 3_600_000,
      rationale: 'fast SMA above slow SMA',
      features: { smaFast: 43_120.12 + i, smaSlow: 43_001.5, rsi: 55.3, atr: 412.7 },
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? 0;
}

function perSecond(count: number, run: () => void): number {
  const started = process.hrtime.bigint();
  run();
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

export interface AppendThroughput {
  readonly syncAppendsPerS: number;
  readonly batchedAppendsPerS: number;
  readonly batchedInMemoryAppendsPerS: number;
  readonly canonicalJsonPerS: number;
  readonly rowHashesPerS: number;
}

export function measureAppendThroughput(options: { batchedRows?: number; batchSize?: number; syncRows?: number; repetitions?: number } = {}): AppendThroughput {
  const { batchedRows = 100_000, batchSize = 10_000, syncRows = 300, repetitions = 5 } = options;
  const events = Array.from({ length: batchedRows }, (_, i) => signalEvent(i));
  const folder = mkdtempSync(join(tmpdir(), 'ballast-append-bench-'));
  try {
    const batched: number[] = [];
    const inMemory: number[] = [];
    const sync: number[] = [];
    for (let repetition = 0; repetition < repetitions; repetition++) {
      const journal = openJournal(join(folder, `batched-${repetition}.sqlite`));
      batched.push(perSecond(batchedRows, () => {
        for (let start = 0; start < batchedRows; start += batchSize) {
          journal.batch(() => {
            for (let i = start; i < start + batchSize && i < batchedRows; i++) journal.append(events[i] ?? signalEvent(i));
          });
        }
      }));
      sync.push(perSecond(syncRows, () => {
        for (let i = 0; i < syncRows; i++) journal.append({ ...signalEvent(i), kind: 'order', subject: `ballast-cid-${i}` }, { durability: 'sync' });
      }));
      journal.close();
      const memory = openJournal(':memory:');
      inMemory.push(perSecond(batchedRows, () => {
        memory.batch(() => {
          for (const event of events) memory.append(event);
        });
      }));
      memory.close();
    }
    const redactor = new SecretRedactor();
    redactor.registerSecretValue('FAKE-KEY-CANARY-0123456789abcdef');
    const payloads = events.map((event) => event.payload);
    const canonical = median(Array.from({ length: repetitions }, () => perSecond(payloads.length, () => {
      for (const payload of payloads) canonicalJson(payload, redactor);
    })));
    const payloadJson = canonicalJson(payloads[0], redactor);
    const hashes = median(Array.from({ length: repetitions }, () => perSecond(batchedRows, () => {
      let prevHash = '0'.repeat(64);
      for (let seq = 1; seq <= batchedRows; seq++) prevHash = auditRowHash({ seq, atMs: seq, kind: 'signal', subject: 'BTC/USDT', payloadJson, prevHash });
    })));
    return {
      syncAppendsPerS: Math.round(median(sync)),
      batchedAppendsPerS: Math.round(median(batched)),
      batchedInMemoryAppendsPerS: Math.round(median(inMemory)),
      canonicalJsonPerS: Math.round(canonical),
      rowHashesPerS: Math.round(hashes),
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(measureAppendThroughput())}\n`);
}
