import * as cloud from 'wx-server-sdk';
import QRCode from 'qrcode';
import { AppError } from '../api-kit/app-error';

/**
 * The image of a gate's or spot's QR code, as a PNG data URL the mini-program can show and save.
 * PARKING_QR_MODE chooses how it is made:
 * - `wxacode` (production): a mini-program code from WeChat, cloud.openapi.wxacode.getUnlimited
 *   with the scene (the function's config.json must allow `wxacode.getUnlimited`); it opens
 *   PARKING_QR_PAGE (default `pages/index/index`) with `scene`.
 * - `local` (default; no WeChat here): an ordinary QR code of the scene's URL under
 *   PARKING_QR_BASE_URL (formatSceneUrl), which the mini-program's scan also understands.
 */
export const QR_MODES = ['wxacode', 'local'] as const;
export type QrMode = (typeof QR_MODES)[number];

export interface QrSettings {
  mode: QrMode;
  /** The base of printed scene URLs (local mode; also returned in wxacode mode for printing). */
  baseUrl: string;
  page: string;
  envVersion: 'release' | 'trial' | 'develop';
}

export const DEFAULT_QR_BASE_URL = 'https://parking.example.com/p';

export function qrSettingsFromEnv(env: NodeJS.ProcessEnv): QrSettings {
  const mode = env.PARKING_QR_MODE ?? 'local';
  if (!QR_MODES.includes(mode as QrMode)) {
    throw new AppError('CONFIG_INVALID', '二维码配置有误（PARKING_QR_MODE 应为 wxacode 或 local）');
  }
  const version = env.PARKING_QR_ENV_VERSION ?? 'release';
  return {
    mode: mode as QrMode,
    baseUrl: env.PARKING_QR_BASE_URL || DEFAULT_QR_BASE_URL,
    page: env.PARKING_QR_PAGE || 'pages/index/index',
    envVersion: version === 'trial' || version === 'develop' ? version : 'release',
  };
}

export async function localQrImage(url: string): Promise<string> {
  return QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 430 });
}

interface WxacodeReply {
  errCode?: number;
  errMsg?: string;
  contentType?: string;
  buffer?: Uint8Array;
}

export async function wxacodeImage(scene: string, settings: QrSettings): Promise<string> {
  const reply = (await cloud.openapi.wxacode.getUnlimited({
    scene,
    page: settings.page,
    checkPath: false,
    envVersion: settings.envVersion,
    width: 430,
  })) as WxacodeReply;
  if (!reply.buffer || (reply.errCode !== undefined && reply.errCode !== 0)) {
    throw new AppError('WXACODE_FAILED', '生成小程序码失败，请稍后重试', {
      errCode: reply.errCode,
    });
  }
  const type = reply.contentType || 'image/jpeg';
  return `data:${type};base64,${Buffer.from(reply.buffer).toString('base64')}`;
}
