import { all, one, renderPage, tap, tapText, textOf } from '../../test-support';
import { fakeApi, ok, refused } from '../testing/fake-api';
import { GATED_LOT, GATES } from '../testing/fixtures';
import { pageText, settle, texts, typeInto } from '../testing/ui';

// Pages load in an isolated module registry (test-support/render.ts): share the one real
// transport module with them, so that the fake installed here is the one their services call.
jest.mock('../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../services/transport'));
});

const PATH = '/admin/cameras/index';
const NOW = 1_795_000_000;
const TOKEN = 'cam0123456789ab.secretsecretsecret';

const CAMERAS = [
  {
    cameraId: 'cam0123456789ab',
    gateId: 'G-IN',
    direction: 'entry',
    name: '南入口相机',
    serialno: 'SN-IN-1',
    led: 'plain',
    createdAt: NOW - 3600,
    lastHeartbeatAt: NOW - 5,
    online: true,
    reads: [],
  },
  {
    cameraId: 'cam00000000ffff',
    gateId: 'G-OUT',
    direction: 'exit',
    name: '南出口',
    serialno: 'SN-OUT-1',
    led: 'plain',
    createdAt: NOW - 3600,
    online: false,
    reads: [],
  },
];

function answerModal(confirm: boolean) {
  return jest
    .spyOn(wx, 'showModal')
    .mockImplementation(((options: {
      success?: (res: { confirm: boolean; cancel: boolean }) => void;
    }) => options.success?.({ confirm, cancel: !confirm })) as never);
}

const base = (role: 'owner' | 'operator') => ({
  'op.lots.get': ok({ lot: GATED_LOT, role }),
  'op.gates.list': ok({
    gates: [...GATES, { id: 'G-PAY', lotId: 'L1', kind: 'paystation', name: '缴费机' }],
  }),
  'op.cameras.list': ok({ cameras: CAMERAS, onlineSeconds: 90 }),
});

describe('cameras of a lot', () => {
  test('lists the cameras with their gate, online state and last heartbeat; an operator cannot change them', async () => {
    const api = fakeApi(base('operator'));
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(api.sent('op.cameras.list')).toEqual([{ lotId: 'L1' }]);
    expect(texts(page, '.admin-cams__name')).toEqual(['南入口相机', '南出口']);
    expect(texts(page, '.admin-cams__meta')).toEqual([
      '南入口（入口） · SN-IN-1',
      '南出口（出口） · SN-OUT-1',
    ]);
    expect(texts(page, '.admin-cams__state')).toEqual(['在线', '离线']);
    expect(texts(page, '.admin-cams__heartbeat')[0]).toMatch(/^最近心跳 \d{4}-\d{2}-\d{2}/);
    expect(texts(page, '.admin-cams__heartbeat')[1]).toBe('尚未收到心跳');
    expect(all(page, '.admin-cams__remove')).toHaveLength(0);
    expect(all(page, '.admin-cams__form')).toHaveLength(0);
  });

  test('registers a camera on an entry or exit gate and shows its push address once', async () => {
    const api = fakeApi({
      ...base('owner'),
      'op.cameras.register': ok({
        outcome: 'applied',
        cameraId: 'cam0123456789ab',
        token: TOKEN,
        path: `/camera/${TOKEN}`,
        retired: 0,
      }),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    // A pay station has no lane: only the entry and exit gates are offered.
    expect(texts(page, '.admin-cams__gate')).toEqual(['南入口（入口）', '南出口（出口）']);

    await tap(one(page, '.admin-cams__register'));
    await settle();
    expect(api.sent('op.cameras.register')).toEqual([]);
    expect(textOf(one(page, '.admin-cams__action-error'))).toBe('请选择道闸并填写摄像机序列号');

    await tapText(page, '.admin-cams__gate', '南出口（出口）');
    await typeInto(one(page, '.admin-cams__serialno'), ' SN-OUT-2 ');
    await tap(one(page, '.admin-cams__register'));
    await settle();
    expect(api.sent('op.cameras.register')).toEqual([{ gateId: 'G-OUT', serialno: 'SN-OUT-2' }]);
    expect(textOf(one(page, '.admin-cams__path'))).toBe(`/camera/${TOKEN}`);
    expect(textOf(one(page, '.admin-cams__notice'))).toBe('已登记摄像机 SN-OUT-2');
    // The list is read again; the token is nowhere but in the address shown.
    expect(api.sent('op.cameras.list')).toHaveLength(2);
    expect(pageText(page).split(TOKEN)).toHaveLength(2);
  });

  test('removes a camera after a confirmation, and shows a refusal', async () => {
    const api = fakeApi({
      ...base('owner'),
      'op.cameras.remove': (d: { cameraId: string }) =>
        d.cameraId === 'cam00000000ffff'
          ? refused('CAMERA_NOT_FOUND', '没有这台摄像机')
          : ok({ outcome: 'applied', cameraId: d.cameraId }),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    const declined = answerModal(false);
    await tap(all(page, '.admin-cams__remove')[0] as never);
    await settle();
    declined.mockRestore();
    expect(api.sent('op.cameras.remove')).toEqual([]);

    const confirmed = answerModal(true);
    await tap(all(page, '.admin-cams__remove')[0] as never);
    await settle();
    expect(textOf(one(page, '.admin-cams__notice'))).toBe('移除摄像机 SN-IN-1：已完成');
    await tap(all(page, '.admin-cams__remove')[1] as never);
    await settle();
    confirmed.mockRestore();
    expect(api.sent('op.cameras.remove')).toEqual([
      { cameraId: 'cam0123456789ab' },
      { cameraId: 'cam00000000ffff' },
    ]);
    expect(textOf(one(page, '.admin-cams__action-error'))).toBe('没有这台摄像机');
  });

  test('a caller without the lot sees the refusal', async () => {
    fakeApi({
      'op.lots.get': refused('FORBIDDEN', '您的角色没有权限执行此操作'),
      'op.gates.list': ok({ gates: GATES }),
      'op.cameras.list': ok({ cameras: [], onlineSeconds: 90 }),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(textOf(one(page, '.admin-cams__error'))).toBe('您的角色没有权限执行此操作');
  });
});
