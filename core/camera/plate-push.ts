import { z } from 'zod';
import { validatePlate } from '../plate/classify';
import { MIN_PLATE_CONFIDENCE } from '../parking/lane-decision';

/**
 * A plate camera's push of a read: the JSON `AlarmInfoPlate` of the Vzenith (臻识) IVS HTTP push,
 * also spoken by 芊熠, 博粤 and Alphadigi cameras (../shared/lpr-camera-notes.md). Only what the
 * lane needs is read; everything else (images `imageFile`/`imageFragmentFile`, positions, brand)
 * is accepted and dropped here, so no image ever reaches the database.
 */

/** How the cameras write "no plate" in `license`. */
export const NO_PLATE_LICENSES: readonly string[] = ['_无_', '无牌车', '无车牌', ''];

const int = z.number().int();
/** Some firmware sends numbers as strings ("ionum": "0"): accepted for the fields we read. */
const intLike = z.union([
  int,
  z
    .string()
    .regex(/^\d{1,12}$/)
    .transform(Number),
]);

const plateResultSchema = z.looseObject({
  license: z.string().max(32),
  colorType: intLike.optional(),
  type: intLike.optional(),
  confidence: intLike.pipe(z.number().min(0).max(100)).optional(),
  triggerType: intLike.optional(),
  plateid: intLike
    .pipe(
      z
        .number()
        .min(0)
        .max(2 ** 31 - 1),
    )
    .optional(),
  isoffline: intLike.pipe(z.union([z.literal(0), z.literal(1)])).optional(),
  timeStamp: z
    .looseObject({
      Timeval: z.looseObject({
        sec: intLike.pipe(
          z
            .number()
            .min(0)
            .max(2 ** 32),
        ),
        usec: intLike.optional(),
      }),
    })
    .optional(),
});

export const plateMessageSchema = z.looseObject({
  AlarmInfoPlate: z.looseObject({
    serialno: z.string().min(1).max(64),
    channel: intLike.optional(),
    deviceName: z.string().max(64).optional(),
    ipaddr: z.string().max(64).optional(),
    result: z.looseObject({ PlateResult: plateResultSchema }),
  }),
});

/** A read as the lane sees it. */
export interface PlateRead {
  serialno: string;
  /** The camera's id of this read (echoed in the reply; de-duplicates retries and replays). */
  plateid?: number;
  /** The license as the camera wrote it. */
  license: string;
  /** The normalised plate, or undefined: no plate, an invalid one or a doubtful read. */
  plate?: string;
  confidence?: number;
  colorType?: number;
  triggerType?: number;
  /** A read queued while the network was down, replayed now. */
  offline: boolean;
  /** The camera's time of the read (unix seconds), when it sent one. */
  at?: number;
  usec?: number;
}

export type PlatePushParse =
  { ok: true; read: PlateRead } | { ok: false; issues: Array<{ field: string; rule: string }> };

/** The read in a parsed JSON body; issues name the fields that do not fit. */
export function parsePlatePush(json: unknown): PlatePushParse {
  const parsed = plateMessageSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ field: i.path.join('.'), rule: i.message })),
    };
  }
  const message = parsed.data.AlarmInfoPlate;
  const result = message.result.PlateResult;
  const plate = usablePlate(result.license, result.confidence);
  const timeval = result.timeStamp?.Timeval;
  return {
    ok: true,
    read: {
      serialno: message.serialno,
      license: result.license,
      offline: result.isoffline === 1,
      ...(result.plateid !== undefined && { plateid: result.plateid }),
      ...(plate !== undefined && { plate }),
      ...(result.confidence !== undefined && { confidence: result.confidence }),
      ...(result.colorType !== undefined && { colorType: result.colorType }),
      ...(result.triggerType !== undefined && { triggerType: result.triggerType }),
      ...(timeval && { at: timeval.sec }),
      ...(timeval?.usec !== undefined && { usec: timeval.usec }),
    },
  };
}

/**
 * The plate to act on: a valid plate read with enough confidence. A camera that sends no
 * confidence is trusted (some models leave it out).
 */
export function usablePlate(license: string, confidence?: number): string | undefined {
  if (NO_PLATE_LICENSES.includes(license.trim())) return undefined;
  if (confidence !== undefined && confidence < MIN_PLATE_CONFIDENCE) return undefined;
  // Derived plates (no-plate cars paying by scan) are never read by a camera.
  const checked = validatePlate(license, { allowDerived: false });
  return checked.ok ? checked.plate : undefined;
}
