import { fenToYuan, formatFen } from '../money/format';
import { MAY_LEAVE_TEXT, type MayLeaveReason, mayLeave } from './may-leave';
import type { Session } from './session';

/**
 * The one question every lane asks: may this vehicle pass now, and what do the display and the
 * speaker say? Asked by the lot's own controller (`/gate`, may_leave) and by the plate cameras
 * (`/camera`) alike, so both open the barrier for the same cars. Pure: the caller loads the
 * session and computes what is due; the decision says what to do (`action`), the caller does it.
 *
 * Extending it (monthly passes, white/black lists): add a field to the question and a
 * reason to the decision; callers switch on `reason`, so a new one is a type error where unhandled.
 */

/** Below this camera confidence (1–100) a read is treated as unreadable (请扫码). */
export const MIN_PLATE_CONFIDENCE = 75;

export type EntryReason =
  | 'welcome' // open: a session starts (or the plate's live one goes on)
  | 'prepaid' // open: its entry prepay is frozen
  | 'prepay_required' // closed: the lot takes a prepay at entry; scan the code
  | 'prepay_pending' // closed: a prepay is under way
  | 'lot_full' // closed: as many cars inside as the lot has spaces
  | 'privileged' // open: a pass or whitelist car (core/passes); nothing is ever due
  | 'refused' // closed: on the blacklist; its reason on the LED
  | 'unreadable'; // closed: no plate or a doubtful read; scan the code

export type ExitReason =
  | MayLeaveReason
  | 'no_entry' // closed: no entry record; a session owing the lot's fixed fee opens here
  | 'unreadable';

/** What `/gate` says for an exit decision's reason (MAY_LEAVE_TEXT, and the lane's own). */
export const EXIT_TEXT: Readonly<Record<Exclude<ExitReason, 'unreadable'>, string>> = {
  ...MAY_LEAVE_TEXT,
  no_entry: '无入场记录，请扫码缴费',
};

/** What the lane's LED shows (one string a line) and its speaker says. */
export interface LaneDisplay {
  lines: string[];
  voice: string;
}

export type LaneDecision =
  | {
      direction: 'entry';
      open: boolean;
      reason: EntryReason;
      /** start_session: record the entry (opens a session unless the plate has a live one). */
      action: 'start_session' | 'none';
      display: LaneDisplay;
    }
  | {
      direction: 'exit';
      open: boolean;
      reason: ExitReason;
      /**
       * record_exit: record the exit of `session` (the barrier goes up). open_no_entry: open a
       * session for the plate at this exit owing `due`, the lot's fixed fee (the barrier stays down).
       */
      action: 'record_exit' | 'open_no_entry' | 'none';
      /** Integer fen due now, when the exit stays closed for it. */
      due?: number;
      display: LaneDisplay;
    };

export interface EntryQuestion {
  direction: 'entry';
  /** The plate read, or undefined when nothing usable was read. */
  plate?: string;
  lot: { entryPrepay: boolean };
  /** The plate's live session in the lot, if any. */
  session?: Pick<Session, 'state'>;
  /** As many cars are inside as the lot has spaces (Lot.capacity). */
  full?: boolean;
  /**
   * The lists' and passes' verdict on the plate (core/passes entryVerdict): refused, free (it
   * enters as such, with or without an entry prepay) or a visitor, with the LED's text.
   */
  rule?: { kind: 'refuse' | 'free' | 'visitor'; text: string };
}

export interface ExitQuestion {
  direction: 'exit';
  plate?: string;
  /** The plate's live session, or the one closed at this exit's code (its window judged here). */
  session?: Session;
  now: number;
  /** Integer fen due at `now` (amountDue), when the session's clock has started. */
  due?: number;
  /**
   * The lot's fixed fee for a plate with no entry record (Lot.noEntryFee; undefined: closed for
   * the operator). Asked of a plate with no live session, or only one that has left.
   */
  noEntryFee?: number;
  /** The LED's farewell to a car that came in free (core/passes exitText). */
  freeText?: string;
}

export type LaneQuestion = EntryQuestion | ExitQuestion;

export function decideLane(question: EntryQuestion): Extract<LaneDecision, { direction: 'entry' }>;
export function decideLane(question: ExitQuestion): Extract<LaneDecision, { direction: 'exit' }>;
export function decideLane(question: LaneQuestion): LaneDecision;
export function decideLane(question: LaneQuestion): LaneDecision {
  return question.direction === 'entry' ? decideEntry(question) : decideExit(question);
}

function decideEntry(q: EntryQuestion): Extract<LaneDecision, { direction: 'entry' }> {
  const entry = (open: boolean, reason: EntryReason, display: LaneDisplay) => ({
    direction: 'entry' as const,
    open,
    reason,
    action:
      reason === 'welcome' || reason === 'privileged'
        ? ('start_session' as const)
        : ('none' as const),
    display,
  });
  const full = () => entry(false, 'lot_full', { lines: ['车位已满'], voice: '车位已满' });
  if (q.plate === undefined) {
    if (q.full) return full();
    return entry(false, 'unreadable', { lines: ['请扫码入场'], voice: '请扫码入场' });
  }
  const plate = q.plate;
  const state = q.session?.state;
  if (q.rule?.kind === 'refuse') {
    return entry(false, 'refused', { lines: [plate, q.rule.text], voice: q.rule.text });
  }
  // A car already let in (its prepay frozen, or its session going on) is not turned away.
  if (q.full && state !== 'frozen' && state !== 'parked' && (q.lot.entryPrepay || !q.session)) {
    return entry(false, 'lot_full', { lines: [plate, '车位已满'], voice: '车位已满' });
  }
  if (q.rule?.kind === 'free') {
    const text = q.rule.text;
    return entry(true, 'privileged', { lines: [plate, text], voice: `${plate}，${text}` });
  }
  if (!q.lot.entryPrepay) {
    // A visitor's text says why a pass did not count (月卡已过期 按临时车收费).
    const text = q.rule?.text ?? '欢迎光临';
    return entry(true, 'welcome', { lines: [plate, text], voice: `${plate}，${text}` });
  }
  if (state === 'frozen' || state === 'parked') {
    return entry(true, 'prepaid', { lines: [plate, '欢迎光临'], voice: `${plate}，欢迎光临` });
  }
  if (state === 'awaiting_prepay') {
    return entry(false, 'prepay_pending', {
      lines: [plate, '正在确认预付'],
      voice: '正在确认预付',
    });
  }
  return entry(false, 'prepay_required', { lines: [plate, '请扫码预付'], voice: '请扫码预付' });
}

function decideExit(q: ExitQuestion): Extract<LaneDecision, { direction: 'exit' }> {
  if (q.plate === undefined) {
    return {
      direction: 'exit',
      open: false,
      reason: 'unreadable',
      action: 'none',
      display: { lines: ['请扫码出场'], voice: '请扫码出场' },
    };
  }
  const plate = q.plate;
  const verdict = q.session && mayLeave(q.session, q.now, q.due);
  // No record: no session, or only one that has left (closed, its leave window over).
  const noRecord = !q.session || (q.session.state === 'closed' && verdict?.allowed === false);
  if (noRecord && q.noEntryFee !== undefined) {
    return {
      direction: 'exit',
      open: false,
      reason: 'no_entry',
      action: 'open_no_entry',
      due: q.noEntryFee,
      display: noEntryDisplay(plate, q.noEntryFee),
    };
  }
  if (!q.session || !verdict) {
    return {
      direction: 'exit',
      open: false,
      reason: 'not_inside',
      action: 'none',
      display: { lines: [plate, '无入场记录'], voice: '无入场记录，请联系管理员' },
    };
  }
  if (verdict.allowed) {
    return {
      direction: 'exit',
      open: true,
      reason: verdict.reason,
      action: 'record_exit',
      display: {
        lines: [plate, q.freeText ?? '一路顺风'],
        voice: `${plate}，${q.freeText ?? '一路顺风'}`,
      },
    };
  }
  const owes =
    (verdict.reason === 'payment_required' || verdict.reason === 'grace_expired') &&
    q.due !== undefined &&
    q.due > 0;
  return {
    direction: 'exit',
    open: false,
    reason: verdict.reason,
    action: 'none',
    ...(q.due !== undefined && { due: q.due }),
    display: !owes
      ? { lines: [plate, MAY_LEAVE_TEXT[verdict.reason]], voice: MAY_LEAVE_TEXT[verdict.reason] }
      : q.session.noEntryFee !== undefined
        ? noEntryDisplay(plate, q.due as number)
        : {
            lines: [plate, `请扫码缴费 ${formatFen(q.due as number)}`],
            voice: `请扫码缴费${fenToYuan(q.due as number)}元`,
          },
  };
}

/** A plate with no entry record, owing the lot's fixed fee: the same text on every read. */
function noEntryDisplay(plate: string, due: number): LaneDisplay {
  return {
    lines: [plate, '无入场记录', `请扫码缴费 ${formatFen(due)}`],
    voice: `无入场记录，请扫码缴费${fenToYuan(due)}元`,
  };
}
