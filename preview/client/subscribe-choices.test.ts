import { keptChoices } from './subscribe-choices';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
}

test('nothing kept: every template is asked', () => {
  const choices = keptChoices(memoryStorage());
  expect(choices.split('o1', ['a', 'b'])).toEqual({ kept: {}, ask: ['a', 'b'] });
});

test('kept answers are reused per user, the others are asked', () => {
  const choices = keptChoices(memoryStorage());
  choices.keep('o1', { a: 'accept', b: 'reject' });
  expect(choices.split('o1', ['a', 'b', 'c'])).toEqual({
    kept: { a: 'accept', b: 'reject' },
    ask: ['c'],
  });
  expect(choices.split('o2', ['a'])).toEqual({ kept: {}, ask: ['a'] });
});

test('a later keep changes one answer and leaves the rest', () => {
  const choices = keptChoices(memoryStorage());
  choices.keep('o1', { a: 'accept', b: 'accept' });
  choices.keep('o1', { b: 'reject' });
  expect(choices.split('o1', ['a', 'b']).kept).toEqual({ a: 'accept', b: 'reject' });
});

test('a damaged entry is asked again', () => {
  const storage = memoryStorage();
  storage.setItem('pv-subscribe-kept:o1', '{not json');
  expect(keptChoices(storage).split('o1', ['a'])).toEqual({ kept: {}, ask: ['a'] });
});
