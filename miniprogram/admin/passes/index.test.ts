import { one, press, renderPage, textOf } from '../../test-support';
import { fakeApi, ok } from '../testing/fake-api';
import { giveReason, settle, texts, typeInto } from '../testing/ui';

jest.mock('../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../services/transport'));
});

const PATH = '/admin/passes/index';
const plan = {
  id: 'L1-p1',
  lotId: 'L1',
  name: '标准月卡',
  period: { kind: 'month' },
  periodText: '1 个月',
  price: 30000,
  spaces: 1,
  maxPlates: 2,
  graceDays: 3,
  online: true,
  active: true,
};
const pass = {
  id: 'P1',
  lotId: 'L1',
  planId: 'L1-p1',
  planName: '标准月卡',
  periodText: '1 个月',
  plates: ['粤B12345'],
  spaces: 1,
  graceDays: 3,
  source: 'operator',
  startAt: 1,
  endAt: 2,
  endText: '2026-02-05 10:00',
  standing: 'valid',
  standingText: '有效',
  daysLeft: 31,
  orders: 1,
};

describe('operator passes', () => {
  test('shows plans and passes, issues a pass to plates and revokes one, each with a reason', async () => {
    const api = fakeApi({
      'op.passPlans.list': ok({ lotId: 'L1', plans: [plan] }),
      'op.passes.list': ok({ lotId: 'L1', passes: [pass] }),
      'op.passes.issue': ok({ pass }),
      'op.passes.revoke': ok({ pass: { ...pass, standing: 'revoked' } }),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(texts(page, '.admin-passes__price')).toEqual(['¥300.00']);
    expect(texts(page, '.admin-passes__left')).toEqual(['剩余 31 天']);

    await typeInto(one(page, '.admin-passes__plates'), '粤b12345 粤B54321');
    await press(page, '.admin-passes__issue');
    await settle();
    await giveReason(page, '业主车位');
    expect(api.sent('op.passes.issue')).toEqual([
      { lotId: 'L1', planId: 'L1-p1', plates: ['粤B12345', '粤B54321'], reason: '业主车位' },
    ]);
    expect(textOf(one(page, '.admin-passes__notice'))).toBe('已开通，有效期至 2026-02-05 10:00');

    await press(page, '.admin-passes__revoke');
    await settle();
    await giveReason(page, '退租');
    expect(api.sent('op.passes.revoke')).toEqual([{ passId: 'P1', reason: '退租' }]);
  });

  test('saves a new plan in fen', async () => {
    const api = fakeApi({
      'op.passPlans.list': ok({ lotId: 'L1', plans: [] }),
      'op.passes.list': ok({ lotId: 'L1', passes: [] }),
      'op.passPlans.upsert': ok({ plan }),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    await typeInto(one(page, '.admin-passes__plan-name-input'), '季卡');
    await typeInto(one(page, '.admin-passes__price-input'), '800.5');
    await press(page, '.admin-passes__save-plan');
    await settle();
    await giveReason(page, '新增季卡');
    expect(api.sent('op.passPlans.upsert')).toEqual([
      {
        plan: expect.objectContaining({
          id: 'L1-p1',
          name: '季卡',
          price: 80050,
          period: { kind: 'month' },
        }),
        reason: '新增季卡',
      },
    ]);
  });
});
