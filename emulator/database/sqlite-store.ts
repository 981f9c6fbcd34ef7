import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

export interface StoredCollection {
  name: string;
  createdAt: number;
}

export interface StoredIndex {
  collection: string;
  name: string;
  /** JSON of { keys, unique } */
  spec: string;
}

export interface StoredDocument {
  collection: string;
  idKey: string;
  ord: number;
  body: string;
}

/**
 * Durable storage: one SQLite file in the data folder. Documents are kept as EJSON text per
 * collection; the query engine works on an in-memory copy loaded at start (see engine.ts).
 */
export class SqliteStore {
  private readonly db: BetterSqlite3.Database;
  private readonly stmts;

  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new BetterSqlite3(file);
    this.db.pragma('journal_mode = WAL');
    // WAL + NORMAL survives a crash of the emulator process; only an OS crash can lose the tail.
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS indexes (
        collection TEXT NOT NULL, name TEXT NOT NULL, spec TEXT NOT NULL,
        PRIMARY KEY (collection, name));
      CREATE TABLE IF NOT EXISTS documents (
        collection TEXT NOT NULL, id_key TEXT NOT NULL, ord INTEGER NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (collection, id_key));
    `);
    this.stmts = {
      collections: this.db.prepare('SELECT name, created_at AS createdAt FROM collections'),
      indexes: this.db.prepare('SELECT collection, name, spec FROM indexes'),
      documents: this.db.prepare(
        'SELECT collection, id_key AS idKey, ord, body FROM documents ORDER BY ord',
      ),
      putCollection: this.db.prepare('INSERT INTO collections (name, created_at) VALUES (?, ?)'),
      putIndex: this.db.prepare(
        'INSERT OR REPLACE INTO indexes (collection, name, spec) VALUES (?, ?, ?)',
      ),
      putDocument: this.db.prepare(
        'INSERT OR REPLACE INTO documents (collection, id_key, ord, body) VALUES (?, ?, ?, ?)',
      ),
      deleteDocument: this.db.prepare('DELETE FROM documents WHERE collection = ? AND id_key = ?'),
    };
  }

  loadCollections(): StoredCollection[] {
    return this.stmts.collections.all() as StoredCollection[];
  }

  loadIndexes(): StoredIndex[] {
    return this.stmts.indexes.all() as StoredIndex[];
  }

  loadDocuments(): StoredDocument[] {
    return this.stmts.documents.all() as StoredDocument[];
  }

  putCollection(name: string, createdAt: number): void {
    this.stmts.putCollection.run(name, createdAt);
  }

  putIndex(collection: string, name: string, spec: string): void {
    this.stmts.putIndex.run(collection, name, spec);
  }

  putDocument(collection: string, idKey: string, ord: number, body: string): void {
    this.stmts.putDocument.run(collection, idKey, ord, body);
  }

  deleteDocument(collection: string, idKey: string): void {
    this.stmts.deleteDocument.run(collection, idKey);
  }

  /** Runs `fn` in one SQLite transaction: all of its writes land, or none. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    this.db.close();
  }
}
