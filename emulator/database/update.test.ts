import { mergeUpdate, newDocId, replaceDocument, upsertDocument } from './update';

describe('updates', () => {
  const base = { _id: 'a', n: 5, list: [3, 1, 2], tags: ['x'], old: 'v', o: { k: 1 } };

  it('applies the update operators the SDK commands encode to', () => {
    expect(
      mergeUpdate(base, {
        $inc: { n: 2 },
        $push: { list: { $each: [9, 0], $sort: 1, $slice: 4 } },
        $addToSet: { tags: { $each: ['x', 'y'] } },
        $rename: { old: 'renamed' },
        $set: { 'o.j': 2 },
      }),
    ).toEqual({
      _id: 'a',
      n: 7,
      list: [0, 1, 2, 3],
      tags: ['x', 'y'],
      renamed: 'v',
      o: { k: 1, j: 2 },
    });
    expect(mergeUpdate(base, { $mul: { n: 3 }, $pull: { list: 1 }, $unset: { o: '' } })).toEqual({
      _id: 'a',
      n: 15,
      list: [3, 2],
      tags: ['x'],
      old: 'v',
    });
    expect(
      mergeUpdate(base, { $min: { n: 1 }, $pop: { list: -1 }, $pullAll: { tags: ['x'] } }),
    ).toMatchObject({
      n: 1,
      list: [1, 2],
      tags: [],
    });
    // _.unshift is encoded as $push with $position 0.
    expect(mergeUpdate(base, { $push: { list: { $each: [7], $position: 0 } } }).list).toEqual([
      7, 3, 1, 2,
    ]);
  });

  it('treats plain fields of a merge update as $set and leaves the input untouched', () => {
    const input = structuredClone(base);
    expect(mergeUpdate(input, { 'o.k': 9, fresh: true })).toMatchObject({
      o: { k: 9 },
      fresh: true,
    });
    expect(input).toEqual(base);
  });

  it('refuses conflicting, unknown and _id-changing updates', () => {
    expect(() => mergeUpdate(base, { $set: { n: 1 }, $inc: { n: 1 } })).toThrow(/conflict/);
    expect(() => mergeUpdate(base, { $frobnicate: { n: 1 } })).toThrow();
    expect(() => mergeUpdate(base, { $set: { _id: 'b' } })).toThrow(/immutable/);
  });

  it('replaces whole documents and builds upserts from the query', () => {
    expect(replaceDocument('a', { only: 1 })).toEqual({ _id: 'a', only: 1 });
    expect(() => replaceDocument('a', { $set: { x: 1 } })).toThrow(/operators/);
    expect(upsertDocument({ _id: 'z' }, { name: 'n' }, false)).toEqual({ _id: 'z', name: 'n' });
    expect(upsertDocument({ lot: 'L1', n: { $gt: 1 } }, { $inc: { count: 1 } }, true)).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{32}$/),
      lot: 'L1',
      count: 1,
    });
    expect(newDocId()).not.toBe(newDocId());
  });
});
