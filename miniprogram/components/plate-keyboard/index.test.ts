import { PROVINCE_ABBREVIATIONS, SPECIAL_SUFFIXES, validatePlate } from '../../core/plate';
import {
  all,
  hasClass,
  listen,
  one,
  tap,
  textOf,
  renderComponent,
  type AnyComponent,
} from '../../test-support';
import type { PlateKeyboardChangeDetail, PlateKeyboardConfirmDetail } from './type';

const PATH = '/components/plate-keyboard/index';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const DIGITS = '0123456789'.split('');

function render(properties: Record<string, unknown> = {}) {
  const keyboard = renderComponent(PATH, properties);
  return {
    keyboard,
    changes: listen<PlateKeyboardChangeDetail>(keyboard, 'change'),
    confirms: listen<PlateKeyboardConfirmDetail>(keyboard, 'confirm'),
  };
}

/** The plate boxes (not the "+ 新能源" placeholder), as rendered. */
const boxes = (kb: AnyComponent) =>
  all(kb, '.plate-keyboard__box').filter(
    (box) => !hasClass(box, 'plate-keyboard__box--placeholder'),
  );
const boxTexts = (kb: AnyComponent) => boxes(kb).map(textOf);
const activeBox = (kb: AnyComponent) =>
  boxes(kb).findIndex((box) => hasClass(box, 'plate-keyboard__box--active'));
const invalidBoxIndexes = (kb: AnyComponent) =>
  boxes(kb).flatMap((box, i) => (hasClass(box, 'plate-keyboard__box--invalid') ? [i] : []));

const charKeys = (kb: AnyComponent) => all(kb, '.plate-keyboard__key--char');
const key = (kb: AnyComponent, label: string) => one(kb, '.plate-keyboard__key', label);
const isDisabled = (kb: AnyComponent, label: string) =>
  hasClass(key(kb, label), 'plate-keyboard__key--disabled');
const enabledOf = (kb: AnyComponent, labels: readonly string[]) =>
  labels.filter((label) => !isDisabled(kb, label));

const status = (kb: AnyComponent) => one(kb, '.plate-keyboard__status');
const statusText = (kb: AnyComponent) => textOf(status(kb));
const statusIs = (kb: AnyComponent, level: 'pending' | 'valid' | 'invalid') =>
  hasClass(status(kb), `plate-keyboard__status--${level}`);

async function press(kb: AnyComponent, ...labels: string[]): Promise<void> {
  for (const label of labels) await tap(key(kb, label));
}
const pressDelete = (kb: AnyComponent) => tap(one(kb, '.plate-keyboard__key--delete'));
const confirm = (kb: AnyComponent) => tap(one(kb, '.plate-keyboard__confirm'));
const tapBox = (kb: AnyComponent, index: number) => tap(boxes(kb)[index] as AnyComponent);
const eighthPlaceholder = (kb: AnyComponent) =>
  all(kb, '.plate-keyboard__box--placeholder')[0] as AnyComponent | undefined;

describe('plate-keyboard', () => {
  test('types a full ordinary plate by tapping keys, advancing a box each time', async () => {
    const { keyboard: kb, changes, confirms } = render();
    expect(boxTexts(kb)).toEqual(['', '', '', '', '', '', '']);
    expect(activeBox(kb)).toBe(0);
    expect(statusText(kb)).toBe('请输入车牌号');
    // Page 1: the spec's 31 provinces, in the table's order.
    expect(charKeys(kb).map(textOf)).toEqual([...PROVINCE_ABBREVIATIONS]);

    await press(kb, '粤');
    expect(activeBox(kb)).toBe(1);
    // Page 2: letters, digits and the special suffixes.
    expect(charKeys(kb).map(textOf).sort()).toEqual(
      [...DIGITS, ...LETTERS, ...SPECIAL_SUFFIXES].sort(),
    );

    await press(kb, 'B', '1', '2', '3', '4');
    expect(activeBox(kb)).toBe(6);
    expect(statusText(kb)).toBe('还需输入 1 位');
    expect(statusIs(kb, 'pending')).toBe(true);

    await press(kb, '5');
    expect(boxTexts(kb)).toEqual(['粤', 'B', '1', '2', '3', '4', '5']);
    expect(activeBox(kb)).toBe(6);
    expect(statusText(kb)).toBe('普通车牌');
    expect(statusIs(kb, 'valid')).toBe(true);
    expect(invalidBoxIndexes(kb)).toEqual([]);

    expect(changes.map((c) => c.value)).toEqual([
      '粤',
      '粤B',
      '粤B1',
      '粤B12',
      '粤B123',
      '粤B1234',
      '粤B12345',
    ]);
    expect(changes.map((c) => c.valid)).toEqual([false, false, false, false, false, false, true]);
    expect(confirms).toEqual([]);
  });

  test('confirm emits the normalised plate and its kind', async () => {
    const { keyboard: kb, confirms } = render({ value: '粤b·123 45' });
    expect(boxTexts(kb)).toEqual(['粤', 'B', '1', '2', '3', '4', '5']);
    await confirm(kb);
    expect(confirms).toEqual([{ value: '粤B12345', kind: 'ordinary' }]);
  });

  test('I and O are disabled in the serial, where the rules forbid them', async () => {
    const { keyboard: kb, changes } = render();
    await press(kb, '粤');
    // The region letter may be any letter (protocol note 14).
    expect(isDisabled(kb, 'I')).toBe(false);
    expect(isDisabled(kb, 'O')).toBe(false);
    await press(kb, 'B');
    expect(isDisabled(kb, 'I')).toBe(true);
    expect(isDisabled(kb, 'O')).toBe(true);
    expect(enabledOf(kb, LETTERS)).toEqual(LETTERS.filter((l) => l !== 'I' && l !== 'O'));

    // A tap on a disabled key changes nothing.
    await press(kb, 'I', 'O');
    expect(boxTexts(kb)).toEqual(['粤', 'B', '', '', '', '', '']);
    expect(activeBox(kb)).toBe(2);
    expect(changes).toHaveLength(2);
  });

  test('digits are disabled in the second box, which must be a letter', async () => {
    const { keyboard: kb, changes } = render();
    await press(kb, '京');
    expect(enabledOf(kb, DIGITS)).toEqual([]);
    expect(enabledOf(kb, LETTERS)).toEqual(LETTERS);
    expect(enabledOf(kb, SPECIAL_SUFFIXES)).toEqual([]);

    await press(kb, '1');
    expect(boxTexts(kb)).toEqual(['京', '', '', '', '', '', '']);
    expect(activeBox(kb)).toBe(1);
    expect(changes).toHaveLength(1);
  });

  test('special suffixes are offered on the last box only', async () => {
    const { keyboard: kb, confirms } = render();
    await press(kb, '粤', 'B', '1', '2', '3');
    expect(enabledOf(kb, SPECIAL_SUFFIXES)).toEqual([]);
    await press(kb, '4');
    expect(enabledOf(kb, SPECIAL_SUFFIXES)).toEqual([...SPECIAL_SUFFIXES]);
    await press(kb, '学');
    expect(boxTexts(kb).join('')).toBe('粤B1234学');
    expect(statusText(kb)).toBe('专用车牌');
    await confirm(kb);
    expect(confirms).toEqual([{ value: '粤B1234学', kind: 'special' }]);
  });

  test('delete clears the active box, or goes back one box and clears that', async () => {
    const { keyboard: kb, changes } = render();
    await press(kb, '粤', 'B', '1', '2');
    expect(activeBox(kb)).toBe(4);

    await pressDelete(kb);
    expect(boxTexts(kb)).toEqual(['粤', 'B', '1', '', '', '', '']);
    expect(activeBox(kb)).toBe(3);
    await pressDelete(kb);
    await pressDelete(kb);
    expect(boxTexts(kb)).toEqual(['粤', '', '', '', '', '', '']);
    expect(activeBox(kb)).toBe(1);
    expect(changes.map((c) => c.value).slice(-3)).toEqual(['粤B1', '粤B', '粤']);

    // On a full plate the last box itself is cleared first.
    await press(kb, 'B', '1', '2', '3', '4', '5');
    await pressDelete(kb);
    expect(boxTexts(kb)).toEqual(['粤', 'B', '1', '2', '3', '4', '']);
    expect(activeBox(kb)).toBe(6);

    // Back at the first box, with nothing left, delete does nothing.
    for (let i = 0; i < 7; i++) await pressDelete(kb);
    expect(boxTexts(kb)).toEqual(['', '', '', '', '', '', '']);
    expect(activeBox(kb)).toBe(0);
    const count = changes.length;
    await pressDelete(kb);
    expect(changes).toHaveLength(count);
  });

  test('tapping a box moves there; the province grid comes back for the first box', async () => {
    const { keyboard: kb } = render({ value: '粤B12345' });
    await tapBox(kb, 0);
    expect(activeBox(kb)).toBe(0);
    expect(charKeys(kb).map(textOf)).toEqual([...PROVINCE_ABBREVIATIONS]);
    await press(kb, '桂');
    expect(boxTexts(kb).join('')).toBe('桂B12345');
    expect(activeBox(kb)).toBe(1);
  });

  test('the eighth box holds a new-energy plate', async () => {
    const { keyboard: kb, changes, confirms } = render({ newEnergy: true });
    expect(boxes(kb)).toHaveLength(8);
    expect(eighthPlaceholder(kb)).toBeUndefined();
    expect(hasClass(boxes(kb)[7] as AnyComponent, 'plate-keyboard__box--eighth')).toBe(true);

    await press(kb, '粤', 'B');
    // Small cars start with D/F (or A/B/C/E/G/H/J/K), large ones with a digit.
    expect(enabledOf(kb, LETTERS)).toEqual('ABCDEFGHJK'.split(''));
    expect(enabledOf(kb, DIGITS)).toEqual(DIGITS);
    await press(kb, 'D', '1', '2', '3', '4', '5');
    expect(boxTexts(kb)).toEqual(['粤', 'B', 'D', '1', '2', '3', '4', '5']);
    expect(statusText(kb)).toBe('新能源小型车');
    expect(changes.at(-1)).toEqual({ value: '粤BD12345', valid: true, newEnergy: true });

    await confirm(kb);
    expect(confirms).toEqual([{ value: '粤BD12345', kind: 'new-energy-small' }]);
  });

  test('the "+ 新能源" box turns the eighth box on, the toggle turns it off', async () => {
    const { keyboard: kb, changes } = render({ value: '粤B12345' });
    expect(boxes(kb)).toHaveLength(7);
    await tap(eighthPlaceholder(kb) as AnyComponent);
    expect(boxes(kb)).toHaveLength(8);
    expect(activeBox(kb)).toBe(7);
    expect(eighthPlaceholder(kb)).toBeUndefined();
    expect(changes.at(-1)).toEqual({ value: '粤B12345', valid: false, newEnergy: true });

    await press(kb, 'D');
    expect(statusText(kb)).toBe('新能源大型车');

    await tap(one(kb, '.plate-keyboard__toggle'));
    expect(boxTexts(kb)).toEqual(['粤', 'B', '1', '2', '3', '4', '5']);
    expect(statusText(kb)).toBe('普通车牌');
    expect(changes.at(-1)).toEqual({ value: '粤B12345', valid: true, newEnergy: false });
  });

  test('an 8-character value turns new energy on', () => {
    const { keyboard: kb } = render({ value: '粤AD12345' });
    expect(boxTexts(kb)).toEqual(['粤', 'A', 'D', '1', '2', '3', '4', '5']);
    expect(statusText(kb)).toBe('新能源小型车');
  });

  test('an invalid plate shows the validator message, and confirm emits nothing', async () => {
    const { keyboard: kb, confirms } = render({ value: '粤B1234I' });
    const expected = validatePlate('粤B1234I');
    expect(expected.ok).toBe(false);
    expect(statusText(kb)).toBe(expected.ok ? '' : expected.message);
    expect(statusIs(kb, 'invalid')).toBe(true);
    expect(invalidBoxIndexes(kb)).toEqual([6]);
    expect(hasClass(one(kb, '.plate-keyboard__confirm'), 'plate-keyboard__confirm--off')).toBe(
      true,
    );

    await confirm(kb);
    expect(confirms).toEqual([]);
  });

  test('changing an earlier box marks what no longer fits, and the message says why', async () => {
    const { keyboard: kb, confirms } = render({ newEnergy: true });
    await press(kb, '粤', 'B', '1', '2', '3', '4', '5', 'F');
    expect(statusText(kb)).toBe('新能源大型车');

    await tapBox(kb, 2);
    await press(kb, 'D');
    const expected = validatePlate('粤BD2345F');
    expect(statusText(kb)).toBe(expected.ok ? '' : expected.message);
    expect(statusIs(kb, 'invalid')).toBe(true);
    expect(invalidBoxIndexes(kb)).toEqual([7]);
    await confirm(kb);
    expect(confirms).toEqual([]);
  });

  test('confirm on an unfinished plate emits nothing and shows why', async () => {
    const { keyboard: kb, confirms } = render();
    await press(kb, '粤', 'B', '1');
    expect(statusIs(kb, 'pending')).toBe(true);
    await confirm(kb);
    expect(confirms).toEqual([]);
    const expected = validatePlate('粤B1');
    expect(statusText(kb)).toBe(expected.ok ? '' : expected.message);
    expect(statusIs(kb, 'invalid')).toBe(true);
    // The next edit goes back to the typing hint.
    await press(kb, '2');
    expect(statusText(kb)).toBe('还需输入 3 位');
  });

  test('the initial value renders, with the first empty box active', () => {
    const { keyboard: kb } = render({ value: '京A1' });
    expect(boxTexts(kb)).toEqual(['京', 'A', '1', '', '', '', '']);
    expect(activeBox(kb)).toBe(3);
    expect(statusText(kb)).toBe('还需输入 4 位');
  });

  test('a new value from the parent replaces the plate; its own value echoed back does not', async () => {
    const { keyboard: kb, changes } = render({ value: '京A1' });
    await press(kb, '2');
    kb.setData({ value: '京A12' });
    expect(activeBox(kb)).toBe(4);

    kb.setData({ value: '沪C55555' });
    expect(boxTexts(kb)).toEqual(['沪', 'C', '5', '5', '5', '5', '5']);
    expect(statusText(kb)).toBe('普通车牌');
    // Only the driver's edits are reported.
    expect(changes.map((c) => c.value)).toEqual(['京A12']);
  });

  test('disabled shows the plate without a keyboard and ignores taps', async () => {
    const { keyboard: kb, changes } = render({ value: '粤B12345', disabled: true });
    expect(boxTexts(kb)).toEqual(['粤', 'B', '1', '2', '3', '4', '5']);
    expect(all(kb, '.plate-keyboard__panel')).toHaveLength(0);
    expect(activeBox(kb)).toBe(-1);
    expect(eighthPlaceholder(kb)).toBeUndefined();
    await tapBox(kb, 0);
    expect(activeBox(kb)).toBe(-1);
    expect(boxTexts(kb).join('')).toBe('粤B12345');
    expect(changes).toEqual([]);
    // The taps moved nothing: enabled again, the last box is still the active one.
    kb.setData({ disabled: false });
    expect(activeBox(kb)).toBe(6);
    expect(all(kb, '.plate-keyboard__panel')).toHaveLength(1);
  });
});
