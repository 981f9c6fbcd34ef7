jest.mock('../../services/transport', () =>
  jest.requireActual('../testing/shared-transport').sharedTransportModule(),
);
import {
  all,
  one,
  press,
  renderPage,
  tap,
  tapText,
  textOf,
  touched,
  type AnyComponent,
} from '../../test-support';
import { fakeApi, refuse, settle } from '../testing/fake-api';
import { gatedLot, roadLot, spot, tariff } from '../testing/fixtures';
import { fakeWx, type WxFakes } from '../testing/wx-fakes';

const PATH = '/pages/plate/plate';
let wxf: WxFakes;
beforeEach(() => (wxf = fakeWx()));
afterEach(() => wxf.restore());

const keyboard = (page: AnyComponent) => one(page, '.plate__keyboard');
// A remembered plate is a row (t-cell): the plate is its title, 删除 sits at its end.
const savedPlates = (page: AnyComponent) =>
  all(page, '.plate__saved-plate').map((row) => textOf(one(row, '.t-cell__title')));
const savedRow = (page: AnyComponent, plate: string) =>
  all(page, '.plate__saved-plate').find((row) => textOf(one(row, '.t-cell__title')) === plate)!;
async function type(page: AnyComponent, ...keys: string[]) {
  for (const key of keys) await tapText(keyboard(page), '.plate-keyboard__key', key);
}

describe('plate page', () => {
  test('names the lot and the gate and shows the tariff before the driver commits', async () => {
    const api = fakeApi({
      'plates.list': () => ({ plates: [] }),
      'scene.resolve': () => ({
        target: { kind: 'gate', id: 'G-IN' },
        lot: gatedLot(),
        gate: { id: 'G-IN', lotId: 'L1', kind: 'entry', name: '北门入口' },
        tariff: tariff(),
      }),
    });
    const page = renderPage(PATH, { purpose: 'entry', lotId: 'L1', gateId: 'G-IN' });
    await settle();
    expect(api.callsOf('scene.resolve')).toEqual([{ scene: 'g:G-IN' }]);
    expect(textOf(one(page, '.plate__lot'))).toBe('通联广场停车场');
    expect(textOf(one(page, '.plate__where'))).toBe('入口：北门入口');
    expect(textOf(one(page, '.plate__tariff-name'))).toBe('收费标准（标准收费）');
    expect(all(page, '.plate__price').map(textOf)).toEqual([
      '· 08:00-20:00 每 1 小时 ¥5.00',
      '· 15 分钟内免费',
      '· 24 小时最多收 ¥50.00',
    ]);
  });

  // Walkthrough defect: a driver had no way to the lot's passes on sale (我的月卡 lists only
  // the passes held); the lot's card now leads there.
  test('the lot’s card leads to its passes on sale', async () => {
    fakeApi({
      'plates.list': () => ({ plates: [] }),
      'scene.resolve': () => ({
        target: { kind: 'gate', id: 'G-IN' },
        lot: gatedLot(),
        gate: { id: 'G-IN', lotId: 'L1', kind: 'entry', name: '北门入口' },
        tariff: tariff(),
      }),
    });
    const page = renderPage(PATH, { purpose: 'entry', lotId: 'L1', gateId: 'G-IN' });
    await settle();
    expect(textOf(one(page, '.plate__passes'))).toBe('常来停车？办理月卡 ›');
    await tap(one(page, '.plate__passes'));
    expect(wxf.navigated).toEqual(['/pages/passes/passes?lotId=L1']);
  });

  test('a roadside booking names the spot', async () => {
    fakeApi({
      'plates.list': () => ({ plates: [] }),
      'scene.resolve': () => ({
        target: { kind: 'spot', id: 'S1' },
        lot: roadLot(),
        spot: spot(),
        tariff: tariff({ freeMinutes: 0, capPer24h: null }),
      }),
    });
    const page = renderPage(PATH, { purpose: 'book', lotId: 'R1', spotId: 'S1' });
    await settle();
    expect(textOf(one(page, '.plate__lot'))).toBe('人民路路边停车');
    expect(textOf(one(page, '.plate__where'))).toBe('车位：A01 号车位');
    expect(all(page, '.plate__price').map(textOf)).toEqual(['· 08:00-20:00 每 1 小时 ¥5.00']);
  });

  test('without the place the plate can still be given', async () => {
    fakeApi({ 'plates.list': () => ({ plates: [] }) });
    const page = renderPage(PATH, { purpose: 'exit', lotId: 'L1', gateId: 'G-OUT' });
    await settle();
    expect(all(page, '.plate__place')).toHaveLength(0);
    expect(all(page, '.plate__keyboard')).toHaveLength(1);
  });

  test('lists remembered plates; one tap goes on to the exit payment with it', async () => {
    const api = fakeApi({ 'plates.list': () => ({ plates: ['粤B12345', '京A88888'] }) });
    const page = renderPage(PATH, { purpose: 'exit', lotId: 'L1', gateId: 'G-OUT' });
    await settle();
    expect(textOf(one(page, '.plate__title'))).toBe('缴费 · 输入车牌');
    expect(savedPlates(page)).toEqual(['粤B12345', '京A88888']);
    expect(textOf(savedRow(page, '京A88888'))).toBe('京A88888删除');
    await tap(touched(savedRow(page, '京A88888')));
    await tap(touched(savedRow(page, '京A88888')));
    expect(wxf.navigated).toEqual([
      `/pages/pay/pay?gateId=G-OUT&plate=${encodeURIComponent('京A88888')}`,
    ]);
    expect(api.routes().sort()).toEqual(['plates.list', 'scene.resolve']);
  });

  test('a typed plate goes on only once it is complete and valid', async () => {
    fakeApi({ 'plates.list': () => ({ plates: [] }) });
    const page = renderPage(PATH, { purpose: 'entry', lotId: 'L1', gateId: 'G-IN' });
    await settle();
    expect(all(page, '.plate__remembered')).toHaveLength(0);
    await type(page, '粤', 'B', '1', '2', '3');
    await press(page, '.plate__next');
    expect(textOf(one(page, '.plate__error'))).toBe('请输入完整的车牌号');
    expect(wxf.navigated).toEqual([]);
    await type(page, '4', '5');
    await press(page, '.plate__next');
    expect(wxf.navigated).toEqual([
      `/pages/entry/entry?lotId=L1&gateId=G-IN&plate=${encodeURIComponent('粤B12345')}`,
    ]);
  });

  test('the keyboard confirm key goes on to book the spot', async () => {
    fakeApi({ 'plates.list': () => ({ plates: [] }) });
    const page = renderPage(PATH, { purpose: 'book', lotId: 'R1', spotId: 'S1' });
    await settle();
    await type(page, '粤', 'B', '6', '6', '8', '8', '9');
    await tap(one(keyboard(page), '.plate-keyboard__confirm'));
    expect(wxf.navigated).toEqual([
      `/pages/entry/entry?lotId=R1&spotId=S1&plate=${encodeURIComponent('粤B66889')}`,
    ]);
  });

  test('无牌车 shows the plate derived for the driver, then goes on with noPlate', async () => {
    const api = fakeApi({
      'plates.list': () => ({ plates: [] }),
      'plate.derive': () => ({ plate: '粤Z7K3M9' }),
    });
    const page = renderPage(PATH, { purpose: 'entry', lotId: 'L1', gateId: 'G-IN' });
    await settle();
    await press(page, '.plate__no-plate');
    await settle();
    expect(api.callsOf('plate.derive')).toEqual([{ lotId: 'L1' }]);
    expect(textOf(one(page, '.plate__derived-plate'))).toBe('粤Z7K3M9');
    await press(page, '.plate__use-derived');
    expect(wxf.navigated).toEqual(['/pages/entry/entry?lotId=L1&gateId=G-IN&noPlate=1']);
  });

  test('back from the derived plate to the keyboard; a refusal of derive is shown', async () => {
    fakeApi({
      'plates.list': () => ({ plates: [] }),
      'plate.derive': () => refuse('LOT_NOT_FOUND', '未找到停车场'),
    });
    const page = renderPage(PATH, { purpose: 'exit', lotId: 'L9', gateId: 'G-OUT' });
    await settle();
    await press(page, '.plate__no-plate');
    await settle();
    expect(textOf(one(page, '.plate__error'))).toBe('未找到停车场');
    expect(all(page, '.plate__derived')).toHaveLength(0);
  });

  test('forgets a remembered plate after the driver agrees', async () => {
    const api = fakeApi({
      'plates.list': () => ({ plates: ['粤B12345', '京A88888'] }),
      'plates.forget': () => ({ plates: ['京A88888'] }),
    });
    const page = renderPage(PATH, { purpose: 'exit', lotId: 'L1', gateId: 'G-OUT' });
    await settle();
    wxf.modals.push(false);
    await tap(touched(all(page, '.plate__saved-forget')[0] as AnyComponent));
    await settle();
    expect(api.callsOf('plates.forget')).toEqual([]);
    wxf.modals.push(true);
    await tap(touched(all(page, '.plate__saved-forget')[0] as AnyComponent));
    await settle();
    expect(api.callsOf('plates.forget')).toEqual([{ plate: '粤B12345' }]);
    expect(savedPlates(page)).toEqual(['京A88888']);
    // 删除 sits inside the plate's row: pressing it does not also pick the plate.
    expect(wxf.navigated).toEqual([]);
  });
});
