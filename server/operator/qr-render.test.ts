import { AppError } from '../api-kit/app-error';
import { DEFAULT_QR_BASE_URL, qrSettingsFromEnv } from './qr-render';

describe('qrSettingsFromEnv', () => {
  it('makes local codes unless told wxacode', () => {
    expect(qrSettingsFromEnv({})).toEqual({
      mode: 'local',
      baseUrl: DEFAULT_QR_BASE_URL,
      page: 'pages/index/index',
      envVersion: 'release',
    });
    expect(
      qrSettingsFromEnv({
        PARKING_QR_MODE: 'wxacode',
        PARKING_QR_PAGE: 'pages/scan/scan',
        PARKING_QR_ENV_VERSION: 'trial',
      }),
    ).toMatchObject({ mode: 'wxacode', page: 'pages/scan/scan', envVersion: 'trial' });
  });

  it('refuses an unknown mode with a clear code', () => {
    expect(() => qrSettingsFromEnv({ PARKING_QR_MODE: 'png' })).toThrow(AppError);
    try {
      qrSettingsFromEnv({ PARKING_QR_MODE: 'png' });
    } catch (error) {
      expect((error as AppError).code).toBe('CONFIG_INVALID');
    }
  });
});
