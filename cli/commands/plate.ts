import {
  derivePlateFromOpenid,
  PLATE_KIND_LABELS,
  PlateDerivationError,
  splitPlate,
  validatePlate,
} from '../../core/plate';
import { UsageError } from '../usage-error';

/**
 * The plate of a car without one (protocol note 15): the six characters alone, or with the
 * province characters in front when --province is given.
 */
export function formatDerivedPlate(openid: string, province?: string): string {
  try {
    return `${derivePlateFromOpenid(openid, province ?? '')}\n`;
  } catch (error) {
    if (error instanceof PlateDerivationError) {
      const what = error.code === 'province-invalid' ? '--province' : '--openid';
      throw new UsageError(`${what}: ${error.message}`);
    }
    throw error;
  }
}

export interface PlateReport {
  valid: boolean;
  text: string;
}

/** Validity, kind, LPR and LPRpro of a plate (protocol note 14), or why it is invalid. */
export function formatPlateReport(input: string): PlateReport {
  const result = validatePlate(input);
  if (!result.ok) {
    return {
      valid: false,
      text:
        `plate:  ${result.plate}\n` +
        `valid:  no\n` +
        `reason: ${result.reason} (${result.message})\n`,
    };
  }
  const { LPR, LPRpro } = splitPlate(result.plate);
  return {
    valid: true,
    text:
      `plate:  ${result.plate}\n` +
      `valid:  yes\n` +
      `kind:   ${result.kind} (${PLATE_KIND_LABELS[result.kind]})\n` +
      `LPR:    ${LPR}\n` +
      `LPRpro: ${LPRpro || '(empty: no province of the table first)'}\n`,
  };
}
