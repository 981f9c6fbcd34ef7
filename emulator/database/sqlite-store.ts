import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { KeyPart } from './index-keys';

export interface StoredCollection {
  name: string;
  createdAt: number;
}

export interface StoredIndex {
  collection: string;
  name: string;
  /** JSON of { keys, unique } */
  spec: string;
  /** Number of the index's own table (`ix_<table>`). */
  table: number;
  mixed: number;
}

export interface StoredRow {
  idKey: string;
  ord: number;
  body: string;
}

export interface EntryScan {
  table: number;
  keyCount: number;
  directions: Array<1 | -1>;
  /** Values of the first keys. */
  pinned: KeyPart[];
  range?: {
    tag: number;
    lower?: { value: number | string; inclusive: boolean };
    upper?: { value: number | string; inclusive: boolean };
  };
  /** Order the entries by the keys after the pinned ones (reversed when `reverse`), then ord. */
  ordered: boolean;
  reverse: boolean;
}

/**
 * Durable storage and index lookups: one SQLite file in the data folder. Documents are EJSON
 * text per collection (`documents`); each declared index has a table of its own, `ix_<n>`, with
 * a type-tag and a value column per key and a SQLite index over them in the declared
 * directions, so that equality, `$in`, ranges and sorts are B-tree lookups (see index-keys.ts).
 * Nothing is loaded at start.
 */
export class SqliteStore {
  private readonly db: BetterSqlite3.Database;
  private readonly stmts;
  private readonly cache = new Map<string, BetterSqlite3.Statement>();

  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new BetterSqlite3(file);
    this.db.pragma('journal_mode = WAL');
    // WAL + NORMAL survives a crash of the emulator process; only an OS crash can lose the tail.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('cache_size = -65536');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS indexes (
        collection TEXT NOT NULL, name TEXT NOT NULL, spec TEXT NOT NULL,
        PRIMARY KEY (collection, name));
      CREATE TABLE IF NOT EXISTS documents (
        collection TEXT NOT NULL, id_key TEXT NOT NULL, ord INTEGER NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (collection, id_key));
      CREATE INDEX IF NOT EXISTS documents_ord ON documents (collection, ord);
    `);
    // Data folders written before indexes had tables of their own get the new columns.
    const columns = (
      this.db.prepare('PRAGMA table_info(indexes)').all() as Array<{ name: string }>
    ).map((c) => c.name);
    if (!columns.includes('tbl')) {
      this.db.exec('ALTER TABLE indexes ADD COLUMN tbl INTEGER');
      this.db.exec('ALTER TABLE indexes ADD COLUMN mixed INTEGER NOT NULL DEFAULT 0');
    }
    this.stmts = {
      collections: this.db.prepare('SELECT name, created_at AS createdAt FROM collections'),
      indexes: this.db.prepare(
        'SELECT collection, name, spec, tbl AS "table", mixed FROM indexes ORDER BY rowid',
      ),
      putCollection: this.db.prepare('INSERT INTO collections (name, created_at) VALUES (?, ?)'),
      putIndex: this.db.prepare(
        'INSERT OR REPLACE INTO indexes (collection, name, spec, tbl, mixed) VALUES (?, ?, ?, ?, ?)',
      ),
      setMixed: this.db.prepare('UPDATE indexes SET mixed = 1 WHERE collection = ? AND name = ?'),
      maxTable: this.db.prepare('SELECT COALESCE(MAX(tbl), 0) AS n FROM indexes'),
      maxOrd: this.db.prepare('SELECT COALESCE(MAX(ord), 0) AS n FROM documents'),
      getDocument: this.db.prepare(
        'SELECT id_key AS idKey, ord, body FROM documents WHERE collection = ? AND id_key = ?',
      ),
      putDocument: this.db.prepare(
        'INSERT OR REPLACE INTO documents (collection, id_key, ord, body) VALUES (?, ?, ?, ?)',
      ),
      deleteDocument: this.db.prepare('DELETE FROM documents WHERE collection = ? AND id_key = ?'),
      scan: this.db.prepare(
        'SELECT id_key AS idKey, ord, body FROM documents WHERE collection = ? ORDER BY ord',
      ),
      count: this.db.prepare('SELECT COUNT(*) AS n FROM documents WHERE collection = ?'),
    };
  }

  loadCollections(): StoredCollection[] {
    return this.stmts.collections.all() as StoredCollection[];
  }

  loadIndexes(): StoredIndex[] {
    return this.stmts.indexes.all() as StoredIndex[];
  }

  maxOrd(): number {
    return (this.stmts.maxOrd.get() as { n: number }).n;
  }

  putCollection(name: string, createdAt: number): void {
    this.stmts.putCollection.run(name, createdAt);
  }

  /** Records an index and creates its table; returns the table's number. */
  createIndexTable(
    collection: string,
    name: string,
    spec: string,
    directions: Array<1 | -1>,
  ): number {
    const table = (this.stmts.maxTable.get() as { n: number }).n + 1;
    const cols = directions.map((_, i) => `t${i}, v${i}`).join(', ');
    const keyCols = directions
      .map((d, i) => (d === -1 ? `t${i} DESC, v${i} DESC` : `t${i}, v${i}`))
      .join(', ');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS ix_${table} (${cols}, id_key TEXT NOT NULL, ord INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS ix_${table}_k ON ix_${table} (${keyCols}, ord);
      CREATE INDEX IF NOT EXISTS ix_${table}_id ON ix_${table} (id_key);
    `);
    this.stmts.putIndex.run(collection, name, spec, table, 0);
    return table;
  }

  setMixed(collection: string, name: string): void {
    this.stmts.setMixed.run(collection, name);
  }

  getDocument(collection: string, idKey: string): StoredRow | undefined {
    return this.stmts.getDocument.get(collection, idKey) as StoredRow | undefined;
  }

  putDocument(collection: string, idKey: string, ord: number, body: string): void {
    this.stmts.putDocument.run(collection, idKey, ord, body);
  }

  deleteDocument(collection: string, idKey: string): void {
    this.stmts.deleteDocument.run(collection, idKey);
  }

  /** Every document of a collection in natural order, read lazily. */
  scan(collection: string): IterableIterator<StoredRow> {
    return this.stmts.scan.iterate(collection) as IterableIterator<StoredRow>;
  }

  countAll(collection: string): number {
    return (this.stmts.count.get(collection) as { n: number }).n;
  }

  putEntries(table: number, keyCount: number, idKey: string, ord: number, entries: KeyPart[][]) {
    const stmt = this.statement(
      `INSERT INTO ix_${table} (${this.cols(keyCount)}, id_key, ord) VALUES (${Array(
        keyCount * 2 + 2,
      )
        .fill('?')
        .join(', ')})`,
    );
    for (const entry of entries) stmt.run(...entry.flat(), idKey, ord);
  }

  deleteEntries(table: number, idKey: string): void {
    this.statement(`DELETE FROM ix_${table} WHERE id_key = ?`).run(idKey);
  }

  /** Another document holding exactly this key in a unique index (missing and null collide). */
  uniqueOwner(table: number, entry: KeyPart[], idKey: string): string | undefined {
    const where = entry.map((_, i) => `t${i} = ? AND v${i} IS ?`).join(' AND ');
    const row = this.statement(
      `SELECT id_key AS idKey FROM ix_${table} WHERE ${where} AND id_key != ? LIMIT 1`,
    ).get(...entry.flat(), idKey) as { idKey: string } | undefined;
    return row?.idKey;
  }

  /** Entries of one scan joined to their documents, in index order when asked. */
  scanEntries(collection: string, scan: EntryScan): IterableIterator<StoredRow> {
    const where: string[] = [];
    const params: unknown[] = [collection];
    scan.pinned.forEach(([tag, value], i) => {
      where.push(
        value === null ? `x.t${i} = ? AND x.v${i} IS NULL` : `x.t${i} = ? AND x.v${i} = ?`,
      );
      params.push(tag);
      if (value !== null) params.push(value);
    });
    if (scan.range) {
      const i = scan.pinned.length;
      where.push(`x.t${i} = ?`);
      params.push(scan.range.tag);
      if (scan.range.lower) {
        where.push(`x.v${i} ${scan.range.lower.inclusive ? '>=' : '>'} ?`);
        params.push(scan.range.lower.value);
      }
      if (scan.range.upper) {
        where.push(`x.v${i} ${scan.range.upper.inclusive ? '<=' : '<'} ?`);
        params.push(scan.range.upper.value);
      }
    }
    let order = '';
    if (scan.ordered) {
      const parts: string[] = [];
      for (let i = scan.pinned.length; i < scan.keyCount; i++) {
        const desc = (scan.directions[i] === -1) !== scan.reverse;
        parts.push(`x.t${i}${desc ? ' DESC' : ''}`, `x.v${i}${desc ? ' DESC' : ''}`);
      }
      parts.push('x.ord');
      order = ` ORDER BY ${parts.join(', ')}`;
    }
    const sql =
      `SELECT x.id_key AS idKey, x.ord AS ord, d.body AS body FROM ix_${scan.table} x ` +
      `CROSS JOIN documents d ON d.collection = ? AND d.id_key = x.id_key` +
      (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
      order;
    return this.statement(sql).iterate(...params) as IterableIterator<StoredRow>;
  }

  /** Runs `fn` in one SQLite transaction: all of its writes land, or none. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    this.db.close();
  }

  private cols(keyCount: number): string {
    return Array.from({ length: keyCount }, (_, i) => `t${i}, v${i}`).join(', ');
  }

  private statement(sql: string): BetterSqlite3.Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
}
