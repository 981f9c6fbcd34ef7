import { pageUrl, plateParams } from '../../services/driver-query';
import type { PlateChoice } from '../../services/driver-types';

/** Why the plate is asked: to enter at a gate, to pay at an exit, or to book a roadside spot. */
export type PlatePurpose = 'entry' | 'exit' | 'book';

export interface PlateTarget {
  purpose: PlatePurpose;
  lotId: string;
  gateId: string;
  spotId: string;
}

export const PURPOSE_TITLE: Record<PlatePurpose, string> = {
  entry: '入场 · 输入车牌',
  exit: '缴费 · 输入车牌',
  book: '预订车位 · 输入车牌',
};

export const PURPOSE_ACTION: Record<PlatePurpose, string> = {
  entry: '下一步：入场',
  exit: '下一步：查询停车费',
  book: '下一步：预订',
};

/** The page that goes on with the chosen plate. */
export function nextPageOf(target: PlateTarget, choice: PlateChoice): string {
  const plate = plateParams(choice);
  if (target.purpose === 'exit') {
    return pageUrl('/pages/pay/pay', { gateId: target.gateId, ...plate });
  }
  if (target.purpose === 'book') {
    return pageUrl('/pages/entry/entry', { lotId: target.lotId, spotId: target.spotId, ...plate });
  }
  return pageUrl('/pages/entry/entry', { lotId: target.lotId, gateId: target.gateId, ...plate });
}

/** The lot, gate or spot the plate page names, with the tariff, before the driver commits. */
export interface PlacePlace {
  lotId: string;
  lotName: string;
  whereLabel: string;
  whereName: string;
  tariffName: string;
  prices: string[];
}

/** The scene to resolve for the place: the gate, else the spot, else the lot. */
export function placeSceneOf(target: PlateTarget): string {
  if (target.gateId) return `g:${target.gateId}`;
  if (target.spotId) return `s:${target.spotId}`;
  return target.lotId ? `l:${target.lotId}` : '';
}
