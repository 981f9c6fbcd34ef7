import { base64, utf8Bytes } from './bytes';
import { formFields, multipartFields, parseHeartbeat } from './heartbeat';
import { ledEncoder, textUtf8Encoder } from './led-encoder';
import { parsePlatePush, usablePlate } from './plate-push';
import { cameraReply, idleReply } from './reply';

const push = (result: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  AlarmInfoPlate: {
    channel: 0,
    deviceName: 'IVS',
    ipaddr: '192.168.1.100',
    serialno: 'eff50e18-e3d3862b',
    result: { PlateResult: { license: '粤B12345', confidence: 96, plateid: 123, ...result } },
    ...extra,
  },
});

describe('base64 (known answers)', () => {
  it('matches RFC 4648 test vectors and the IVS document’s voice example', () => {
    const b = (s: string) => base64(utf8Bytes(s));
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map(b)).toEqual([
      '',
      'Zg==',
      'Zm8=',
      'Zm9v',
      'Zm9vYg==',
      'Zm9vYmE=',
      'Zm9vYmFy',
    ]);
    // "voice": "5qyi6L+O5YWJ5Li0" in the IVS HTTP push document (2.6) is 欢迎光临 in UTF-8.
    expect(b('欢迎光临')).toBe('5qyi6L+O5YWJ5Li0');
  });
});

describe('parsePlatePush', () => {
  it('reads a live read and drops what the lane does not need (images)', () => {
    const parsed = parsePlatePush(
      push({
        imageFile: 'AAAA'.repeat(1000),
        isoffline: 0,
        timeStamp: { Timeval: { sec: 1686299994, usec: 687772 } },
        gioouts: [{ ctrltype: 0, ionum: '0' }],
      }),
    );
    expect(parsed).toEqual({
      ok: true,
      read: {
        serialno: 'eff50e18-e3d3862b',
        plateid: 123,
        license: '粤B12345',
        plate: '粤B12345',
        confidence: 96,
        offline: false,
        at: 1686299994,
        usec: 687772,
      },
    });
  });

  it('marks an offline replay, and treats no plate and doubtful reads as unreadable', () => {
    const offline = parsePlatePush(push({ isoffline: 1, license: '_无_' }));
    expect(offline).toMatchObject({ ok: true, read: { offline: true, license: '_无_' } });
    expect(offline.ok && offline.read.plate).toBeUndefined();
    expect(usablePlate('粤B12345', 74)).toBeUndefined();
    expect(usablePlate('粤B12345', 75)).toBe('粤B12345');
    expect(usablePlate('粤b12345')).toBe('粤B12345');
    expect(usablePlate('无牌车')).toBeUndefined();
    expect(usablePlate('B12')).toBeUndefined();
  });

  it('names the fields of a push that does not fit', () => {
    const bad = parsePlatePush({ AlarmInfoPlate: { serialno: '', result: {} } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues.map((i) => i.field)).toEqual(
      expect.arrayContaining(['AlarmInfoPlate.serialno', 'AlarmInfoPlate.result.PlateResult']),
    );
    expect(parsePlatePush(push({ confidence: 101 })).ok).toBe(false);
    expect(parsePlatePush(push({ isoffline: 2 })).ok).toBe(false);
    expect(parsePlatePush([]).ok).toBe(false);
  });
});

describe('heartbeat', () => {
  it('reads the multipart form of the IVS heartbeat and a urlencoded one', () => {
    const boundary = '------------------------caa771fe4a61f3d9';
    const body = [
      ['device_name', 'IVS'],
      ['ipaddr', '192.168.109.40'],
      ['serialno', 'd85b1269-8f942256'],
      ['channel_num', '1'],
    ]
      .map(
        ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
      )
      .join('')
      .concat(`--${boundary}--\r\n`);
    const fields = formFields(`multipart/form-data; boundary=${boundary}`, body)!;
    expect(fields).toEqual({
      device_name: 'IVS',
      ipaddr: '192.168.109.40',
      serialno: 'd85b1269-8f942256',
      channel_num: '1',
    });
    expect(parseHeartbeat(fields)).toMatchObject({
      ok: true,
      heartbeat: { serialno: 'd85b1269-8f942256' },
    });
    expect(
      formFields('application/x-www-form-urlencoded', 'serialno=abc-1&ipaddr=1.2.3.4'),
    ).toEqual({ serialno: 'abc-1', ipaddr: '1.2.3.4' });
    expect(formFields('application/json', '{}')).toBeUndefined();
    expect(multipartFields('garbage', 'x')).toEqual({});
    expect(parseHeartbeat({ ipaddr: '1.2.3.4' }).ok).toBe(false);
  });
});

describe('reply', () => {
  it('opens with info ok, echoes plateid and carries the LED bytes and the voice', () => {
    const reply = cameraReply({
      open: true,
      plateid: 21085,
      display: { lines: ['粤B12345', '一路顺风'], voice: '欢迎光临' },
      encoder: textUtf8Encoder,
    });
    expect(reply).toEqual({
      Response_AlarmInfoPlate: {
        info: 'ok',
        plateid: 21085,
        serialData: [
          // 粤B12345 CR LF 一路顺风 CR LF in UTF-8: E7B2A4 42 3132333435 0D0A E4B880 E8B7AF E9A1BA E9A38E 0D0A
          { serialChannel: 0, data: '57KkQjEyMzQ1DQrkuIDot6/pobrpo44NCg==', dataLen: 25 },
        ],
        playserver_json_request: {
          type: 'ps_voice_play',
          voice: '5qyi6L+O5YWJ5Li0',
          voice_interval: 0,
          voice_volume: 100,
          voice_male: 1,
        },
      },
    });
  });

  it('acknowledges an offline read with ContinuePushOffline and never opens for it', () => {
    expect(cameraReply({ open: false, plateid: 123, offline: true })).toEqual({
      Response_AlarmInfoPlate: { info: 'no', ContinuePushOffline: { plateid: 123, continue: 1 } },
    });
    expect(idleReply()).toEqual({ Response_AlarmInfoPlate: { info: 'no' } });
    expect(ledEncoder('unknown').id).toBe('text-utf8');
  });
});
