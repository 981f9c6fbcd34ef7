import { ENTITY_ID_PATTERN } from './primitives';
import { type DomainResult, refuse, succeed } from './result';

/**
 * QR scenes. A mini-program code's `scene` holds at most 32 visible characters, so a scene is a
 * one-letter target kind, ':' and our own id (at most 30 characters): `g:G1`, `s:S12`, `l:L1`.
 * A printed ordinary QR code carries the same scene in a URL: `https://host/p?scene=g%3AG1`.
 */
export const SCENE_TARGET_KINDS = ['gate', 'spot', 'lot'] as const;
export type SceneTargetKind = (typeof SCENE_TARGET_KINDS)[number];

export interface SceneTarget {
  kind: SceneTargetKind;
  id: string;
}

export const MAX_SCENE_LENGTH = 32;

const PREFIX: Readonly<Record<SceneTargetKind, string>> = { gate: 'g', spot: 's', lot: 'l' };
const KIND_OF_PREFIX: Readonly<Record<string, SceneTargetKind>> = {
  g: 'gate',
  s: 'spot',
  l: 'lot',
};

/** A longer input is refused before any decoding: no scanned code is that long. */
const MAX_INPUT_LENGTH = 2048;

export function formatScene(target: SceneTarget): string {
  if (!ENTITY_ID_PATTERN.test(target.id)) {
    throw new RangeError(`a scene id must be 1 to 30 letters, digits or "-": ${target.id}`);
  }
  return `${PREFIX[target.kind]}:${target.id}`;
}

/** The URL of a printed ordinary QR code for `target`, under `baseUrl` (e.g. https://host/p). */
export function formatSceneUrl(baseUrl: string, target: SceneTarget): string {
  const join = baseUrl.includes('?') ? '&' : '?';
  return `${baseUrl}${join}scene=${encodeURIComponent(formatScene(target))}`;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** Query parameters of a URL, without the URL class (the mini-program engine lacks it). */
function queryParams(url: string): Map<string, string> {
  const params = new Map<string, string>();
  const start = url.indexOf('?');
  if (start < 0) return params;
  const hash = url.indexOf('#', start);
  const query = url.slice(start + 1, hash < 0 ? undefined : hash);
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const name = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = safeDecode(eq < 0 ? '' : part.slice(eq + 1));
    if (name !== undefined && value !== undefined && !params.has(name)) params.set(name, value);
  }
  return params;
}

const BARE = /^([gsl]):([A-Za-z0-9-]{1,30})$/;

function invalid(): DomainResult<SceneTarget> {
  return refuse('SCENE_INVALID', '无法识别的二维码，请扫描停车场的缴费码');
}

/**
 * A scanned scene in any of the forms it reaches the mini-program: the bare scene (`g:G1`), the
 * URL-encoded scene of a mini-program code (`g%3AG1`), the URL of a printed code
 * (`https://host/p?scene=g%3AG1`), or that URL encoded once more (the `q` launch option).
 */
export function parseScene(input: string): DomainResult<SceneTarget> {
  let text = input.trim();
  if (text.length === 0 || text.length > MAX_INPUT_LENGTH) return invalid();
  // A few rounds cover every wrapping above; the bound stops a crafted input from looping.
  for (let round = 0; round < 4; round += 1) {
    const bare = BARE.exec(text);
    if (bare) {
      return succeed({
        kind: KIND_OF_PREFIX[bare[1] as string] as SceneTargetKind,
        id: bare[2] as string,
      });
    }
    if (text.includes('?')) {
      const params = queryParams(text);
      const next = params.get('scene') ?? params.get('q');
      if (next === undefined) return invalid();
      text = next.trim();
    } else if (text.includes('%')) {
      const decoded = safeDecode(text);
      if (decoded === undefined || decoded === text) return invalid();
      text = decoded.trim();
    } else {
      return invalid();
    }
  }
  return invalid();
}
