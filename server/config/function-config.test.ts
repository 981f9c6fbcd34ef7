import { readFunctionConfig } from './function-config';

const base = {
  ALLINPAY_BASE_URL: 'http://127.0.0.1:8801',
  ALLINPAY_NOTIFY_URL: 'http://127.0.0.1:8802/notify',
};

describe('readFunctionConfig', () => {
  it('reads a single merchant from the shortcut variables', () => {
    const config = readFunctionConfig({
      ...base,
      ALLINPAY_CUSID: '990440153996000',
      ALLINPAY_APPID: '00000000',
      ALLINPAY_PASSWORD: 'pw',
    });
    expect(config.merchants).toEqual([
      { cusid: '990440153996000', appid: '00000000', password: 'pw' },
    ]);
    expect(config.timeoutMs).toBe(8000);
  });

  it('reads several merchants from ALLINPAY_MERCHANTS', () => {
    const key = 'ab56b4d92b40713acc5af89985d4b786';
    const config = readFunctionConfig({
      ...base,
      ALLINPAY_MERCHANTS: JSON.stringify([{ cusid: '1', appid: '2', key }]),
      ALLINPAY_TIMEOUT_MS: '500',
    });
    expect(config.merchants[0]?.key).toBe(key);
    expect(config.timeoutMs).toBe(500);
  });

  it('names what is missing and never echoes a secret', () => {
    const secret = 'not-a-hex-key-but-secret';
    expect(() =>
      readFunctionConfig({
        ...base,
        ALLINPAY_CUSID: '1',
        ALLINPAY_APPID: '2',
        ALLINPAY_KEY: secret,
      }),
    ).toThrow(/merchants\.0\.key/);
    try {
      readFunctionConfig({
        ...base,
        ALLINPAY_CUSID: '1',
        ALLINPAY_APPID: '2',
        ALLINPAY_KEY: secret,
      });
    } catch (e) {
      expect(String((e as Error).message)).not.toContain(secret);
    }
    expect(() =>
      readFunctionConfig({ ALLINPAY_CUSID: '1', ALLINPAY_APPID: '2', ALLINPAY_PASSWORD: 'x' }),
    ).toThrow(/baseUrl/);
    expect(() => readFunctionConfig({ ...base, ALLINPAY_MERCHANTS: '{' })).toThrow(
      /not valid JSON/,
    );
  });
});
