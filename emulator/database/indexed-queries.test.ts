import path from 'node:path';
import fc from 'fast-check';
import { find as mingoFind } from 'mingo';
import { DocumentEngine, type Doc } from './engine';
import { SqliteStore } from './sqlite-store';
import { removeTempDataDirs, tempDataDir } from '../test/helpers';

function open(dir = tempDataDir()): { engine: DocumentEngine; store: SqliteStore } {
  const store = new SqliteStore(path.join(dir, 'cloudbase.sqlite'));
  return { engine: new DocumentEngine(store), store };
}

const lots = ['lot-a', 'lot-b', 'lot-c'];
const states = ['open', 'paid', 'closed', null];

const docArb = fc.record(
  {
    lotId: fc.constantFrom(...lots),
    state: fc.constantFrom(...states),
    inTime: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(undefined)),
    at: fc.integer({ min: 0, max: 20 }).map((n) => new Date(n * 1000)),
    calls: fc.array(fc.record({ id: fc.constantFrom('r1', 'r2', 'r3', 'r4') }), { maxLength: 3 }),
  },
  { requiredKeys: ['lotId', 'state', 'calls'] },
);

const queryArb = fc.oneof(
  fc.record({ lotId: fc.constantFrom(...lots) }),
  fc.record({ lotId: fc.constantFrom(...lots), state: fc.constantFrom(...states) }),
  fc.record({
    lotId: fc.constantFrom(...lots),
    inTime: fc.record(
      { $gte: fc.integer({ min: 0, max: 50 }), $lt: fc.integer({ min: 0, max: 50 }) },
      { requiredKeys: [] },
    ),
  }),
  fc.record({ state: fc.record({ $in: fc.array(fc.constantFrom(...states), { maxLength: 3 }) }) }),
  fc.record({ 'calls.id': fc.constantFrom('r1', 'r2', 'r5') }),
  fc.record({
    at: fc.record({ $lte: fc.integer({ min: 0, max: 20 }).map((n) => new Date(n * 1000)) }),
  }),
  fc.constant({}),
  fc.record({
    $and: fc.tuple(
      fc.record({ lotId: fc.constantFrom(...lots) }),
      fc.record({ inTime: fc.record({ $gt: fc.integer({ min: 0, max: 50 }) }) }),
    ),
  }),
);

const sortArb = fc.oneof(
  fc.constant(undefined),
  fc.constant({ inTime: -1 as const }),
  fc.constant({ inTime: 1 as const }),
  fc.constant({ at: 1 as const }),
  fc.constant({ _id: 1 as const }),
);

describe('indexed queries', () => {
  it('answer exactly as mingo over the whole collection (find, count, skip, limit, sort)', () => {
    fc.assert(
      fc.property(
        fc.array(docArb, { maxLength: 40 }),
        fc.array(fc.tuple(queryArb, sortArb, fc.nat(3), fc.integer({ min: 1, max: 8 })), {
          minLength: 1,
          maxLength: 8,
        }),
        (raw, queries) => {
          const { engine, store } = open();
          try {
            engine.createCollection('s');
            engine.createIndex('s', {
              name: 'lotId_1_inTime_-1',
              keys: { lotId: 1, inTime: -1 },
              unique: false,
            });
            engine.createIndex('s', {
              name: 'lotId_1_state_1',
              keys: { lotId: 1, state: 1 },
              unique: false,
            });
            engine.createIndex('s', { name: 'state_1', keys: { state: 1 }, unique: false });
            engine.createIndex('s', { name: 'calls.id_1', keys: { 'calls.id': 1 }, unique: false });
            engine.createIndex('s', { name: 'at_1', keys: { at: 1 }, unique: false });
            const docs = raw.map((d, i) => {
              const doc: Doc = { _id: `d${String(i).padStart(3, '0')}` };
              for (const [k, v] of Object.entries(d)) if (v !== undefined) doc[k] = v;
              return doc;
            });
            // Insert in a shuffled order so that natural order is not _id order.
            const order = docs
              .map((_, i) => i)
              .sort((a, b) => ((a * 7919) % 41) - ((b * 7919) % 41));
            for (const i of order)
              engine.applyBatch([{ collection: 's', id: docs[i]!._id, doc: docs[i]! }]);
            const natural = order.map((i) => docs[i]!);
            for (const [query, sort, skip, limit] of queries) {
              let cursor = mingoFind(natural, query);
              if (sort) cursor = cursor.sort(sort);
              const expected = cursor.skip(skip).limit(limit).all();
              expect(engine.find('s', query, { sort, skip, limit })).toEqual(expected);
              expect(engine.count('s', query)).toBe(mingoFind(natural, query).all().length);
            }
          } finally {
            store.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('plans equality, ranges, $in, array fields and sorts on the declared indexes', () => {
    const { engine, store } = open();
    engine.createCollection('s');
    engine.createIndex('s', {
      name: 'lotId_1_inTime_-1',
      keys: { lotId: 1, inTime: -1 },
      unique: false,
    });
    engine.createIndex('s', { name: 'calls.id_1', keys: { 'calls.id': 1 }, unique: false });
    engine.applyBatch([
      { collection: 's', id: 'a', doc: { _id: 'a', lotId: 'l', calls: [{ id: 'r' }] } },
    ]);
    const byLot = engine.explain('s', { lotId: 'l' }, { inTime: -1 });
    expect(byLot.plan?.index.name).toBe('lotId_1_inTime_-1');
    expect(byLot.plan?.sortServed).toBe(true);
    expect(byLot.served).toBe(true);
    expect(
      engine.explain('s', { lotId: 'l', inTime: { $gt: 5 } }, { inTime: 1 }).plan,
    ).toMatchObject({
      sortServed: true,
      reverse: true,
      range: { lower: { value: 5, inclusive: false } },
    });
    expect(engine.explain('s', { 'calls.id': 'r' }).plan?.index.name).toBe('calls.id_1');
    expect(engine.find('s', { 'calls.id': 'r' })).toHaveLength(1);
    const unserved = engine.explain('s', { plate: 'X' }, { inTime: -1 });
    expect(unserved.served).toBe(false);
    expect(unserved.suggestion).toEqual({ plate: 1, inTime: -1 });
    expect(engine.explain('s', { _id: { $in: ['a', 'b'] } }).served).toBe(true);
    store.close();
  });

  it('starts without reading the documents, and builds a new index from those stored', () => {
    const dir = tempDataDir();
    const first = open(dir);
    first.engine.createCollection('s');
    const batch = Array.from({ length: 500 }, (_, i) => ({
      collection: 's',
      id: `d${i}`,
      doc: { _id: `d${i}`, n: i % 10 } as Doc,
    }));
    first.engine.applyBatch(batch);
    first.store.close();
    const second = open(dir);
    second.engine.createIndex('s', { name: 'n_1', keys: { n: 1 }, unique: false });
    expect(second.engine.explain('s', { n: 3 }).plan?.index.name).toBe('n_1');
    expect(second.engine.count('s', { n: 3 })).toBe(50);
    second.store.close();
  });
});

// Last, after the servers of the file are closed.
afterAll(removeTempDataDirs);
