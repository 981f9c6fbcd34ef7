import { readFileSync } from 'node:fs';
import path from 'node:path';
import { multipartFields, parseHeartbeat } from '../core/camera/heartbeat';
import { parsePlatePush } from '../core/camera/plate-push';
import { NO_PLATE, actOnReply, heartbeatForm, plateReadBody } from './device';

// The simulator's side of the protocol: what it sends is what a camera sends, and it acts on a
// reply as a camera does.

describe('what the simulated camera sends', () => {
  it('a plate read with the fields of the public push example', () => {
    const body = JSON.parse(
      plateReadBody({
        serialno: 'SN1',
        license: '粤B12345',
        confidence: 96,
        plateid: 7,
        sec: 1686299994,
      }),
    ) as { AlarmInfoPlate: { result: { PlateResult: Record<string, unknown> } } };
    // Every field our read carries is one the public example carries, at the same place.
    const example = JSON.parse(
      readFileSync(path.join(__dirname, '../test/backend/fixtures/ivs-plate-push.jsonc'), 'utf8')
        .replace(/\/\/[^\n]*/g, '')
        .replace(/,(\s*[}\]])/g, '$1'),
    ) as typeof body;
    const ours = Object.keys(body.AlarmInfoPlate.result.PlateResult);
    const theirs = Object.keys(example.AlarmInfoPlate.result.PlateResult);
    expect(ours.filter((k) => !theirs.includes(k))).toEqual([]);
    expect(parsePlatePush(body)).toEqual({
      ok: true,
      read: expect.objectContaining({
        serialno: 'SN1',
        plate: '粤B12345',
        plateid: 7,
        at: 1686299994,
        offline: false,
      }),
    });
  });

  it('no plate as _无_, and an offline replay flagged isoffline 1', () => {
    const none = parsePlatePush(
      JSON.parse(
        plateReadBody({
          serialno: 'S',
          license: NO_PLATE,
          confidence: 0,
          plateid: 1,
          sec: 1,
          isoffline: 1,
        }),
      ),
    );
    expect(none.ok && none.read).toMatchObject({ license: '_无_', offline: true });
    expect(none.ok && none.read.plate).toBeUndefined();
  });

  it('a heartbeat as multipart form data carrying the serial number', () => {
    const form = heartbeatForm('SN-EXIT-0001');
    const boundary = /boundary=(.+)$/.exec(form.contentType)![1]!;
    expect(parseHeartbeat(multipartFields(form.body, boundary))).toMatchObject({
      ok: true,
      heartbeat: { serialno: 'SN-EXIT-0001' },
    });
  });
});

describe('what the simulated camera does with a reply', () => {
  it('raises the barrier only on info "ok"; shows the LED bytes and says the voice', () => {
    // The text-utf8 frame documented in core/camera/led-encoder.ts, byte for byte.
    const bytes = Buffer.from(
      'E7B2A4423132333435' + '0D0A' + 'E4B880E8B7AFE9A1BAE9A38E0D0A',
      'hex',
    );
    const reply = JSON.stringify({
      Response_AlarmInfoPlate: {
        info: 'ok',
        plateid: 7,
        serialData: [{ serialChannel: 0, data: bytes.toString('base64'), dataLen: bytes.length }],
        playserver_json_request: { voice: Buffer.from('一路顺风').toString('base64') },
      },
    });
    expect(actOnReply(reply)).toEqual({
      opened: true,
      led: ['粤B12345', '一路顺风'],
      voice: '一路顺风',
      plateid: 7,
    });
    for (const info of ['no', 'OK', 1, null]) {
      expect(actOnReply(JSON.stringify({ Response_AlarmInfoPlate: { info } })).opened).toBe(false);
    }
  });

  it('moves on after ContinuePushOffline; keeps the barrier down on what it cannot read', () => {
    const ack = {
      Response_AlarmInfoPlate: { info: 'no', ContinuePushOffline: { plateid: 9, continue: 1 } },
    };
    expect(actOnReply(JSON.stringify(ack))).toMatchObject({ opened: false, continueOffline: 9 });
    expect(actOnReply('<html>502</html>')).toMatchObject({
      opened: false,
      error: { code: 'NOT_JSON' },
    });
    expect(actOnReply('null')).toMatchObject({ opened: false, led: [] });
  });
});
