import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Merchant } from './config';
import type { Delivery, DeliveryStatus } from './delivery';
import type { Txn } from './ledger';

/**
 * The sandbox's state in its data folder: one SQLite file (better-sqlite3, WAL), so that a
 * restart loses nothing, pending notification retries included. Every update of a transaction or
 * a delivery is a compare-and-set on its version.
 */

export interface TxnFilter {
  cusid?: string;
  reqsn?: string;
  state?: string;
  limit?: number;
}

export interface DeliveryFilter {
  cusid?: string;
  reqsn?: string;
  status?: DeliveryStatus;
  limit?: number;
}

export const DB_FILE = 'sandbox.sqlite';

/** Equality conditions on the given columns for the filter fields that are set. */
function conditions<F extends object>(filter: F, columns: Array<keyof F & string>) {
  const where: string[] = [];
  const args: unknown[] = [];
  for (const column of columns) {
    const value = filter[column];
    if (value === undefined || value === '') continue;
    where.push(`${column} = ?`);
    args.push(value);
  }
  return { where, args };
}

export class SandboxStore {
  private readonly db: Database.Database;

  constructor(readonly dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, DB_FILE));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS merchants (cusid TEXT PRIMARY KEY, data TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS txns (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        cusid TEXT NOT NULL,
        reqsn TEXT NOT NULL,
        trxid TEXT NOT NULL UNIQUE,
        prepay_id TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL,
        due_at INTEGER,
        version INTEGER NOT NULL,
        data TEXT NOT NULL,
        UNIQUE (cusid, reqsn)
      );
      CREATE INDEX IF NOT EXISTS txns_due ON txns (due_at) WHERE due_at IS NOT NULL;
      CREATE TABLE IF NOT EXISTS deliveries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        cusid TEXT NOT NULL,
        reqsn TEXT NOT NULL,
        status TEXT NOT NULL,
        next_at INTEGER,
        held INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (next_at) WHERE status = 'pending';
      CREATE INDEX IF NOT EXISTS deliveries_txn ON deliveries (cusid, reqsn);
      CREATE INDEX IF NOT EXISTS deliveries_held ON deliveries (cusid, id) WHERE status = 'pending' AND held = 1;
    `);
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** A prepared statement, prepared once. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  getMeta<T>(name: string): T | undefined {
    const row = this.sql('SELECT value FROM meta WHERE name = ?').get(name) as
      { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  setMeta(name: string, value: unknown): void {
    this.sql(
      'INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
    ).run(name, JSON.stringify(value));
  }

  /** The next number of a persisted sequence (1, 2, ...). */
  nextSequence(name: string): number {
    return this.transaction(() => {
      const next = (this.getMeta<number>(`seq:${name}`) ?? 0) + 1;
      this.setMeta(`seq:${name}`, next);
      return next;
    });
  }

  // Merchants -----------------------------------------------------------------------------------

  listMerchants(): Merchant[] {
    const rows = this.sql('SELECT data FROM merchants ORDER BY cusid').all() as Array<{
      data: string;
    }>;
    return rows.map((r) => JSON.parse(r.data) as Merchant);
  }

  putMerchant(merchant: Merchant): void {
    this.sql(
      'INSERT INTO merchants (cusid, data) VALUES (?, ?) ON CONFLICT (cusid) DO UPDATE SET data = excluded.data',
    ).run(merchant.cusid, JSON.stringify(merchant));
  }

  // Transactions --------------------------------------------------------------------------------

  getTxn(cusid: string, reqsn: string): Txn | undefined {
    const row = this.sql('SELECT data FROM txns WHERE cusid = ? AND reqsn = ?').get(
      cusid,
      reqsn,
    ) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Txn) : undefined;
  }

  getTxnByPrepayId(prepayId: string): Txn | undefined {
    const row = this.sql('SELECT data FROM txns WHERE prepay_id = ?').get(prepayId) as
      { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Txn) : undefined;
  }

  /** Inserts a new transaction; false when (cusid, reqsn) already exists. */
  insertTxn(txn: Txn, dueAt: number | null): boolean {
    const result = this.sql(
      `INSERT INTO txns (cusid, reqsn, trxid, prepay_id, state, due_at, version, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (cusid, reqsn) DO NOTHING`,
    ).run(
      txn.cusid,
      txn.reqsn,
      txn.trxid,
      txn.prepayId,
      txn.state,
      dueAt,
      txn.version,
      JSON.stringify(txn),
    );
    return result.changes === 1;
  }

  /** Compare-and-set: writes `next` only if the stored version is still `expectedVersion`. */
  updateTxn(next: Txn, expectedVersion: number, dueAt: number | null): boolean {
    const result = this.sql(
      `UPDATE txns SET state = ?, due_at = ?, version = ?, data = ?
         WHERE cusid = ? AND reqsn = ? AND version = ?`,
    ).run(
      next.state,
      dueAt,
      next.version,
      JSON.stringify(next),
      next.cusid,
      next.reqsn,
      expectedVersion,
    );
    return result.changes === 1;
  }

  listTxns(filter: TxnFilter = {}): Txn[] {
    const { where, args } = conditions(filter, ['cusid', 'reqsn', 'state']);
    const sql = `SELECT data FROM txns ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq LIMIT ?`;
    const rows = this.sql(sql).all(...args, filter.limit ?? 1_000_000) as Array<{
      data: string;
    }>;
    return rows.map((r) => JSON.parse(r.data) as Txn);
  }

  dueTxns(now: number): Txn[] {
    const rows = this.sql(
      'SELECT data FROM txns WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at',
    ).all(now) as Array<{ data: string }>;
    return rows.map((r) => JSON.parse(r.data) as Txn);
  }

  // Deliveries ----------------------------------------------------------------------------------

  /** Inserts a delivery and returns it with its id. */
  insertDelivery(delivery: Omit<Delivery, 'id'>): Delivery {
    return this.transaction(() => {
      const result = this.sql(
        'INSERT INTO deliveries (cusid, reqsn, status, next_at, held, version, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(
        delivery.cusid,
        delivery.reqsn,
        delivery.status,
        delivery.nextAt,
        delivery.held ? 1 : 0,
        delivery.version,
        '{}',
      );
      const stored: Delivery = { ...delivery, id: Number(result.lastInsertRowid) };
      this.sql('UPDATE deliveries SET data = ? WHERE id = ?').run(
        JSON.stringify(stored),
        stored.id,
      );
      return stored;
    });
  }

  /** Compare-and-set on the delivery's version. */
  updateDelivery(next: Delivery, expectedVersion: number): boolean {
    const result = this.sql(
      'UPDATE deliveries SET status = ?, next_at = ?, held = ?, version = ?, data = ? WHERE id = ? AND version = ?',
    ).run(
      next.status,
      next.nextAt,
      next.held ? 1 : 0,
      next.version,
      JSON.stringify(next),
      next.id,
      expectedVersion,
    );
    return result.changes === 1;
  }

  getDelivery(id: number): Delivery | undefined {
    const row = this.sql('SELECT data FROM deliveries WHERE id = ?').get(id) as
      { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Delivery) : undefined;
  }

  countDeliveries(cusid: string, reqsn: string): number {
    const row = this.sql('SELECT COUNT(*) AS n FROM deliveries WHERE cusid = ? AND reqsn = ?').get(
      cusid,
      reqsn,
    ) as {
      n: number;
    };
    return row.n;
  }

  listDeliveries(filter: DeliveryFilter = {}): Delivery[] {
    const { where, args } = conditions(filter, ['cusid', 'reqsn', 'status']);
    const sql = `SELECT data FROM deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ?`;
    const rows = this.sql(sql).all(...args, filter.limit ?? 1_000_000) as Array<{
      data: string;
    }>;
    return rows.map((r) => JSON.parse(r.data) as Delivery);
  }

  /** Ids of the pending deliveries due by `now`, earliest first (ids only: cheap to poll). */
  dueDeliveryIds(now: number): number[] {
    const rows = this.sql(
      "SELECT id FROM deliveries WHERE status = 'pending' AND next_at <= ? ORDER BY next_at, id",
    ).all(now) as Array<{ id: number }>;
    return rows.map((r) => r.id);
  }

  /** The earliest due time of a pending delivery, or null. */
  nextDeliveryAt(): number | null {
    const row = this.sql(
      "SELECT MIN(next_at) AS t FROM deliveries WHERE status = 'pending'",
    ).get() as {
      t: number | null;
    };
    return row.t;
  }

  heldDeliveries(cusid: string): Delivery[] {
    const rows = this.sql(
      "SELECT data FROM deliveries WHERE status = 'pending' AND held = 1 AND cusid = ? ORDER BY id",
    ).all(cusid) as Array<{ data: string }>;
    return rows.map((r) => JSON.parse(r.data) as Delivery);
  }
}
