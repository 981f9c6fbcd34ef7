import { type ListEntry, listEntryActive } from './lists';
import { type Pass, passStanding } from './pass';
import type { Privilege } from './privilege';

/**
 * The one question every lane asks at entry (`/gate` and the camera endpoint): is this plate
 * refused, free, or a visitor who pays? In order: the blacklist refuses (reason on the LED); the
 * whitelist is free; a pass is free while valid, and in its grace days with a warning, as long as
 * one of its spaces is free (一位多车: the cars of one pass inside on it at once are at most its
 * spaces; the next one pays as a visitor until one leaves); anything else is a visitor.
 */
export interface LaneFacts {
  now: number;
  /** The plate's entries in this lot's lists (white and black). */
  lists: readonly ListEntry[];
  /** The plate's pass in this lot, and how many cars are inside on it now (this one excluded). */
  pass?: { pass: Pass; insideOnPass: number };
}

export type VisitorNote = 'pass_full' | 'pass_expired' | 'pass_revoked' | 'pass_not_started';

export type EntryVerdict =
  | { kind: 'refuse'; code: 'BLACKLISTED'; reason: string; text: string }
  | { kind: 'free'; privilege: Privilege; text: string; warning?: string }
  | { kind: 'visitor'; note?: VisitorNote; text: string };

export const VISITOR_TEXT: Readonly<Record<VisitorNote | 'none', string>> = {
  none: '欢迎光临',
  pass_full: '月卡车位已满 按临时车收费',
  pass_expired: '月卡已过期 按临时车收费',
  pass_revoked: '月卡已作废 按临时车收费',
  pass_not_started: '月卡未生效 按临时车收费',
};

export function entryVerdict(facts: LaneFacts): EntryVerdict {
  const { now } = facts;
  const active = facts.lists.filter((e) => listEntryActive(e, now));
  const black = active.find((e) => e.kind === 'black');
  if (black) {
    return {
      kind: 'refuse',
      code: 'BLACKLISTED',
      reason: black.reason,
      text: `禁止入场：${black.reason}`,
    };
  }
  const white = active.find((e) => e.kind === 'white');
  if (white) {
    return {
      kind: 'free',
      privilege: {
        kind: 'whitelist',
        refId: `${white.lotId}:white:${white.plate}`,
        label: `白名单：${white.reason}`,
      },
      text: '白名单车辆 欢迎光临',
    };
  }
  if (!facts.pass) return { kind: 'visitor', text: VISITOR_TEXT.none };
  const { pass, insideOnPass } = facts.pass;
  const standing = passStanding(pass, now);
  const note: VisitorNote | undefined =
    standing.kind === 'expired'
      ? 'pass_expired'
      : standing.kind === 'revoked'
        ? 'pass_revoked'
        : standing.kind === 'not_started'
          ? 'pass_not_started'
          : insideOnPass >= pass.terms.spaces
            ? 'pass_full'
            : undefined;
  if (note) return { kind: 'visitor', note, text: VISITOR_TEXT[note] };
  const label = `月卡「${pass.terms.planName}」`;
  if (standing.kind === 'grace') {
    const warning = `月卡已过期 宽限期剩余 ${standing.graceDaysLeft} 天 请及时续费`;
    return {
      kind: 'free',
      privilege: { kind: 'pass', refId: pass.id, label, grace: true },
      text: warning,
      warning,
    };
  }
  const daysLeft = standing.kind === 'valid' ? standing.daysLeft : 0;
  return {
    kind: 'free',
    privilege: { kind: 'pass', refId: pass.id, label },
    text: `月卡车 剩余 ${daysLeft} 天`,
  };
}

/** The LED at the exit for a car that came in free (an exit is never refused by a list). */
export function exitText(privilege: Privilege, pass: Pass | undefined, now: number): string {
  if (privilege.kind === 'whitelist') return '白名单车辆 一路顺风';
  const standing = pass ? passStanding(pass, now) : undefined;
  return standing?.kind === 'valid'
    ? `月卡车 剩余 ${standing.daysLeft} 天 一路顺风`
    : '月卡车 请及时续费 一路顺风';
}
