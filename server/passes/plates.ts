import { type Pass, passStanding } from '../../core/passes';
import { validatePlate } from '../../core/plate/classify';
import { AppError } from '../api-kit/app-error';
import type { Database } from '../cloud/database';
import { passOfPlate } from './store';

/** Plates of a pass: valid, distinct, normalised, at most the plan's number. */
export function checkPassPlates(input: readonly string[], maxPlates: number): string[] {
  const plates: string[] = [];
  for (const raw of input) {
    const checked = validatePlate(raw, { allowDerived: false });
    if (!checked.ok) throw new AppError('PLATE_INVALID', `${raw}：${checked.message}`);
    if (!plates.includes(checked.plate)) plates.push(checked.plate);
  }
  if (plates.length === 0) throw new AppError('PLATE_INVALID', '请至少填写一个车牌');
  if (plates.length > maxPlates) {
    throw new AppError('TOO_MANY_PLATES', `该月卡最多绑定 ${maxPlates} 个车牌`);
  }
  return plates;
}

/** A pass that still counts (not revoked, not past its grace): a plate may be on one at a time. */
function stillCounts(pass: Pass, now: number): boolean {
  const standing = passStanding(pass, now).kind;
  return standing !== 'revoked' && standing !== 'expired';
}

/** Refuses a plate that is already on another pass of the lot that still counts. */
export async function requirePlatesFree(
  db: Database,
  lotId: string,
  plates: readonly string[],
  now: number,
  except?: string,
): Promise<void> {
  for (const plate of plates) {
    const pass = await passOfPlate(db, lotId, plate);
    if (pass && pass.id !== except && stillCounts(pass, now)) {
      throw new AppError('PLATE_ON_PASS', `${plate} 已有月卡，请在「我的月卡」中续费`);
    }
  }
}
