import type { LaneDisplay } from '../parking/lane-decision';
import { base64, utf8Bytes } from './bytes';

/**
 * What the camera passes to its RS485 port (`serialData` in the reply, base64): the bytes belong
 * to the LED controller wired to the camera, so they come from a pluggable encoder chosen per
 * camera. One is built in, `text-utf8`; another controller's format is one more entry in
 * LED_ENCODERS (its id is what an operator picks when registering the camera).
 */

export interface SerialData {
  serialChannel: number;
  /** base64 of the bytes. */
  data: string;
  /** Length of the bytes before base64. */
  dataLen: number;
}

export interface LedEncoder {
  id: string;
  /** Chinese, for the operator's choice. */
  label: string;
  encode(display: LaneDisplay): SerialData[];
}

export function serialData(bytes: Uint8Array, serialChannel = 0): SerialData {
  return { serialChannel, data: base64(bytes), dataLen: bytes.length };
}

/**
 * `text-utf8`: for LED controllers (or RS485 text bridges) set to show received text as is. The
 * frame is the display's lines in UTF-8, each ended by CR LF, sent on serial channel 0; nothing
 * else (no address, no checksum). Example: lines ["粤B12345", "一路顺风"] give the 25 bytes
 * `E7B2A4 42 3132333435 0D0A E4B880 E8B7AF E9A1BA E9A38E 0D0A`.
 */
export const textUtf8Encoder: LedEncoder = {
  id: 'text-utf8',
  label: '文本直通 (UTF-8)',
  encode(display) {
    const text = display.lines.map((line) => `${line}\r\n`).join('');
    return [serialData(utf8Bytes(text), 0)];
  },
};

export const LED_ENCODERS: Readonly<Record<string, LedEncoder>> = {
  [textUtf8Encoder.id]: textUtf8Encoder,
};
export const DEFAULT_LED_ENCODER = textUtf8Encoder.id;

export function ledEncoder(id: string | undefined): LedEncoder {
  return LED_ENCODERS[id ?? DEFAULT_LED_ENCODER] ?? textUtf8Encoder;
}
