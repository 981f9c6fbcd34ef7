import { randomBytes } from 'node:crypto';
import { DbError, transactionConflict } from './errors';
import { idKey, type Change, type Doc, type DocId, type DocumentEngine } from './engine';

interface Transaction {
  id: string;
  /** Engine sequence when the transaction started: later writes to its documents conflict. */
  startSeq: number;
  writes: Map<string, Change>;
  timer: NodeJS.Timeout;
}

/**
 * Optimistic transactions: writes are buffered and applied at commit in one atomic batch.
 * Commit fails with DATABASE_TRANSACTION_CONFLICT when any document the transaction writes was
 * written by someone else after the transaction started (MongoDB's write-conflict rule); the
 * SDK's runTransaction retries on exactly that code. Reads see the transaction's own writes,
 * otherwise the latest committed data.
 */
export class TransactionManager {
  private readonly transactions = new Map<string, Transaction>();

  constructor(
    private readonly engine: DocumentEngine,
    private readonly lifetimeMs = 60_000,
  ) {
    engine.openTransactions = () => this.transactions.size;
  }

  get openCount(): number {
    return this.transactions.size;
  }

  start(): string {
    const id = randomBytes(12).toString('hex');
    // An abandoned transaction (its function crashed) is dropped, as MongoDB does after 60 s.
    const timer = setTimeout(() => {
      const txn = this.transactions.get(id);
      if (txn) this.end(txn);
    }, this.lifetimeMs);
    timer.unref();
    this.transactions.set(id, {
      id,
      startSeq: this.engine.currentSeq,
      writes: new Map(),
      timer,
    });
    return id;
  }

  read(transactionId: string, collection: string, id: DocId): Doc | null {
    const txn = this.active(transactionId);
    const buffered = txn.writes.get(this.key(collection, id));
    if (buffered) return buffered.doc && structuredClone(buffered.doc);
    return this.engine.get(collection, id) ?? null;
  }

  /** Buffers a write computed from the document as this transaction sees it. */
  write(
    transactionId: string,
    collection: string,
    id: DocId,
    compute: (current: Doc | null) => Doc | null,
  ): { before: Doc | null; after: Doc | null } {
    const before = this.read(transactionId, collection, id);
    const after = compute(before && structuredClone(before));
    this.active(transactionId).writes.set(this.key(collection, id), {
      collection,
      id,
      doc: after,
    });
    return { before, after };
  }

  commit(transactionId: string): void {
    const txn = this.active(transactionId);
    try {
      for (const change of txn.writes.values()) {
        if (this.engine.versionOf(change.collection, change.id) > txn.startSeq) {
          throw transactionConflict();
        }
      }
      this.engine.applyBatch([...txn.writes.values()]);
    } finally {
      this.end(txn);
    }
  }

  abort(transactionId: string): void {
    this.end(this.active(transactionId));
  }

  close(): void {
    for (const txn of this.transactions.values()) clearTimeout(txn.timer);
    this.transactions.clear();
    this.engine.forgetVersions();
  }

  private key(collection: string, id: DocId): string {
    return `${collection}\u0000${idKey(id)}`;
  }

  private active(transactionId: string): Transaction {
    const txn = this.transactions.get(transactionId);
    if (!txn) {
      throw new DbError(
        'DATABASE_TRANSACTION_FAIL',
        `transaction ${transactionId} does not exist, has ended or has expired`,
      );
    }
    return txn;
  }

  private end(txn: Transaction): void {
    clearTimeout(txn.timer);
    this.transactions.delete(txn.id);
    // With no transaction open, no later commit can conflict with a past write.
    if (this.transactions.size === 0) this.engine.forgetVersions();
  }
}
