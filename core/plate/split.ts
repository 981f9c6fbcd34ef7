import { normalisePlate } from './normalise';
import { provinceAbbreviationOf, provinceCodeOf } from './provinces';

/** The two protocol fields that carry a plate (protocol note 14). */
export interface PlateFields {
  /** The plate without its province character. */
  readonly LPR: string;
  /** The province's code from the table, or '' when the plate has no table province first. */
  readonly LPRpro: string;
}

/**
 * 粤BD12345 -> { LPR: 'BD12345', LPRpro: '44' } (protocol note 14). A plate that does not start
 * with a table province (embassy 123456使, a derived plate under another prefix) goes whole into
 * LPR with LPRpro ''. Exactly one leading province character is taken, so that `joinPlate`
 * rebuilds the plate. The input is normalised first.
 */
export function splitPlate(plate: string): PlateFields {
  const normalised = normalisePlate(plate);
  const first = Array.from(normalised)[0] ?? '';
  const code = provinceCodeOf(first);
  if (code === undefined) return { LPR: normalised, LPRpro: '' };
  return { LPR: normalised.slice(first.length), LPRpro: code };
}

/** The inverse of `splitPlate`, e.g. for a notification's LPR/LPRpro; undefined for an unknown code. */
export function joinPlate(fields: PlateFields): string | undefined {
  if (fields.LPRpro === '') return fields.LPR;
  const abbreviation = provinceAbbreviationOf(fields.LPRpro);
  return abbreviation === undefined ? undefined : abbreviation + fields.LPR;
}
