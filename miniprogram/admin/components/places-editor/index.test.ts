import {
  type AnyComponent,
  all,
  flush,
  hasClass,
  listen,
  one,
  press,
  renderComponent,
  tap,
  textOf,
  touched,
} from '../../../test-support';
import { GATE_KIND_TEXT } from '../../../services/operator-forms';
import { GATES, SPOTS } from '../../testing/fixtures';
import { texts, typeInto } from '../../testing/ui';
import type { OpenGateDetail, PlaceDeleteDetail, PlaceSaveDetail } from './index';

const PATH = '/admin/components/places-editor/index';

const GATE_ITEMS = [
  ...GATES.map((g) => ({
    id: g.id,
    name: g.name,
    kind: g.kind,
    kindText: GATE_KIND_TEXT[g.kind as 'entry' | 'exit'],
  })),
  { id: 'G-PAY', name: '缴费机', kind: 'paystation', kindText: '缴费点' },
];
/** Presses the `index`th node matching `selector` (a TDesign button: where a finger lands). */
function pressNth(root: AnyComponent, selector: string, index: number): Promise<void> {
  return tap(touched(all(root, selector)[index] as AnyComponent));
}

const SPOT_ITEMS = SPOTS.map((s) => ({ id: s.id, code: s.code, name: s.name }));

function gates(editable: boolean) {
  return renderComponent(PATH, { lotId: 'L1', gated: true, editable, gates: GATE_ITEMS });
}

function spots() {
  return renderComponent(PATH, { lotId: 'R1', gated: false, editable: true, spots: SPOT_ITEMS });
}

describe('admin-places-editor', () => {
  test('lists gates, each opened by hand but a pay station; only an owner edits', async () => {
    const list = gates(false);
    expect(textOf(one(list, '.admin-places-editor__title'))).toBe('出入口');
    expect(texts(list, '.admin-places-editor__gate-name')).toEqual(['南入口', '南出口', '缴费机']);
    expect(texts(list, '.admin-places-editor__meta')).toEqual([
      '入口 · G-IN',
      '出口 · G-OUT',
      '缴费点 · G-PAY',
    ]);
    expect(all(list, '.admin-places-editor__open-gate')).toHaveLength(2);
    expect(all(list, '.admin-places-editor__add')).toHaveLength(0);
    expect(all(list, '.admin-places-editor__edit-gate')).toHaveLength(0);
    expect(all(list, '.admin-places-editor__delete-gate')).toHaveLength(0);

    const opened = listen<OpenGateDetail>(list, 'opengate');
    await pressNth(list, '.admin-places-editor__open-gate', 1);
    expect(opened).toEqual([{ id: 'G-OUT' }]);
  });

  test('adds a gate: the form opens on the page’s word, checks its fields, then saves', async () => {
    const list = gates(true);
    const opens = listen(list, 'formopen');
    const saved = listen<PlaceSaveDetail>(list, 'save');
    await press(list, '.admin-places-editor__add');
    expect(opens).toHaveLength(1);
    expect(all(list, '.admin-places-editor__form')).toHaveLength(0);
    list.setData({ formShown: true });
    await flush();
    expect(all(list, '.admin-places-editor__add')).toHaveLength(0);
    expect(all(list, '.admin-places-editor__code')).toHaveLength(0);

    await press(list, '.admin-places-editor__save');
    expect(textOf(one(list, '.admin-places-editor__error'))).toBe(
      '编号为 1 到 30 位字母、数字或 -',
    );
    expect(saved).toEqual([]);

    await typeInto(one(list, '.admin-places-editor__id'), 'G-OUT2');
    await typeInto(one(list, '.admin-places-editor__name'), '北出口');
    await press(list, '.admin-places-editor__gate-kind', '出口');
    const kinds = all(list, '.admin-places-editor__gate-kind');
    expect(kinds.map((k) => hasClass(k, 'admin-places-editor__chip--on'))).toEqual([
      false,
      true,
      false,
    ]);
    await press(list, '.admin-places-editor__save');
    expect(all(list, '.admin-places-editor__error')).toHaveLength(0);
    expect(saved).toEqual([
      {
        type: 'gate',
        isNew: true,
        gate: { id: 'G-OUT2', lotId: 'L1', kind: 'exit', name: '北出口' },
      },
    ]);
  });

  test('edits a gate: its id fixed, its fields filled in; deleting is the page’s to confirm', async () => {
    const list = gates(true);
    const deleted = listen<PlaceDeleteDetail>(list, 'delete');
    await pressNth(list, '.admin-places-editor__delete-gate', 1);
    expect(deleted).toEqual([{ type: 'gate', id: 'G-OUT' }]);
    const saved = listen<PlaceSaveDetail>(list, 'save');
    await pressNth(list, '.admin-places-editor__edit-gate', 0);
    list.setData({ formShown: true });
    await flush();
    const form = (list.instance.data as { form: unknown }).form;
    expect(form).toMatchObject({
      type: 'gate',
      isNew: false,
      id: 'G-IN',
      name: '南入口',
      kind: 'entry',
    });
    await typeInto(one(list, '.admin-places-editor__name'), '南门入口');
    await press(list, '.admin-places-editor__save');
    expect(saved).toEqual([
      {
        type: 'gate',
        isNew: false,
        gate: { id: 'G-IN', lotId: 'L1', kind: 'entry', name: '南门入口' },
      },
    ]);
  });

  test('a roadside lot: spots with their codes; add, edit, delete and the server refusal', async () => {
    const list = spots();
    expect(textOf(one(list, '.admin-places-editor__title'))).toBe('泊位');
    expect(texts(list, '.admin-places-editor__spot-name')).toEqual(['A-001 1 号', 'A-002 2 号']);
    expect(all(list, '.admin-places-editor__gate')).toHaveLength(0);
    expect(textOf(one(list, '.admin-places-editor__add'))).toBe('添加泊位');

    const deleted = listen<PlaceDeleteDetail>(list, 'delete');
    await pressNth(list, '.admin-places-editor__delete-spot', 1);
    expect(deleted).toEqual([{ type: 'spot', id: 'S-2' }]);

    const saved = listen<PlaceSaveDetail>(list, 'save');
    await press(list, '.admin-places-editor__add');
    list.setData({ formShown: true });
    await flush();
    expect(all(list, '.admin-places-editor__gate-kind')).toHaveLength(0);
    await typeInto(one(list, '.admin-places-editor__id'), 'S-3');
    await typeInto(one(list, '.admin-places-editor__code'), 'A-003');
    await typeInto(one(list, '.admin-places-editor__name'), '3 号');
    await press(list, '.admin-places-editor__save');
    expect(saved).toEqual([
      { type: 'spot', isNew: true, spot: { id: 'S-3', lotId: 'R1', code: 'A-003', name: '3 号' } },
    ]);
    list.setData({ error: '泊位号 A-003 已被使用' });
    await flush();
    expect(textOf(one(list, '.admin-places-editor__error'))).toBe('泊位号 A-003 已被使用');

    await pressNth(list, '.admin-places-editor__edit-spot', 0);
    expect((list.instance.data as { form: unknown }).form).toMatchObject({
      type: 'spot',
      isNew: false,
      id: 'S-1',
      code: 'A-001',
      name: '1 号',
    });
    expect(all(list, '.admin-places-editor__error')).toHaveLength(0);

    const cancelled = listen(list, 'formcancel');
    await press(list, '.admin-places-editor__cancel');
    expect(cancelled).toHaveLength(1);
  });
});
