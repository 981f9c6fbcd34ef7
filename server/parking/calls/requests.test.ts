import { requestSchemas } from '../../../core/allinpay/requests';
import { FREEZE, R1, sessionIn } from '../../../core/parking/session-fixtures';
import { GATED_LOT, T0 } from '../../../core/parking/test-fixtures';
import { buildCallRequest, type RequestContext } from './requests';

const NOW = T0 + 7200;
function ctx(session: RequestContext['session'], split = GATED_LOT.split): RequestContext {
  return { session, identity: { parkingNo: 'SZ-0001', pro: '44' }, split, now: NOW };
}

describe('buildCallRequest', () => {
  it('pays with the plate split into LPR/LPRpro (note 14) and the split of what is charged (note 10)', () => {
    const s = sessionIn('exit_pay', 'awaiting_payment')!;
    const request = buildCallRequest(s.calls[0]!, ctx(s));
    expect(request).toEqual({
      endpoint: 'pay',
      input: {
        pro: '44',
        parkingNo: 'SZ-0001',
        LPR: 'BD12345',
        LPRpro: '44',
        payTime: NOW,
        reqsn: s.calls[0]!.reqsn,
        fee: 1000,
        asinfo: '990440153996001:100',
        openid: s.openid,
      },
    });
    const wire = requestSchemas.pay.safeParse({
      ...request.input,
      cusid: 'c',
      randomstr: 'r',
      notify_url: 'http://x/n',
    });
    expect(wire.success).toBe(true);
  });

  it('prepays without a split (split money cannot be returned, note 8) and with the lot road', () => {
    const s = sessionIn('entry_prepay', 'awaiting_prepay')!;
    const request = buildCallRequest(s.calls[0]!, ctx(s));
    expect(request.endpoint).toBe('prepay');
    expect(request.input).toMatchObject({
      reqsn: R1,
      fee: FREEZE,
      road: '9',
      inTime: T0,
      endTime: s.endTime,
    });
    expect(request.input).not.toHaveProperty('asinfo');
  });

  it('finishes and cancels under the prepay reqsn', () => {
    const settling = sessionIn('entry_prepay', 'settling')!;
    const finish = buildCallRequest(settling.calls.at(-1)!, ctx(settling));
    expect(finish).toEqual({
      endpoint: 'finish',
      input: {
        outTime: NOW,
        reqsn: R1,
        feeFinish: 1000,
        feeType: '9',
        asinfo: '990440153996001:100',
      },
    });
    const cancelling = sessionIn('roadside_booking', 'cancelling')!;
    expect(buildCallRequest(cancelling.calls.at(-1)!, ctx(cancelling, []))).toEqual({
      endpoint: 'cancel',
      input: { cancelTime: NOW, reqsn: R1, feeCancel: FREEZE },
    });
  });

  it('leaves asinfo out when nothing is split', () => {
    const s = sessionIn('exit_pay', 'awaiting_payment')!;
    expect(buildCallRequest(s.calls[0]!, ctx(s, [])).input).not.toHaveProperty('asinfo');
  });
});
