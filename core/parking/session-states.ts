/**
 * The states of a parking session. Each names one situation of the vehicle and of the money on
 * the platform, so that reconcile, the gate and the pages can act from the state alone.
 */
export const SESSION_FLOWS = ['exit_pay', 'entry_prepay', 'roadside_booking'] as const;
export type SessionFlow = (typeof SESSION_FLOWS)[number];

export const SESSION_STATES = [
  'open',
  'awaiting_payment',
  'awaiting_prepay',
  'frozen',
  'booked',
  'arriving',
  'parked',
  'settling',
  'cancelling',
  'no_show_settling',
  'paid',
  'closed',
  'cancelled',
  'no_show',
  'settled_by_platform',
  'failed',
] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export interface StateInfo {
  /** Chinese, for drivers and operators. */
  label: string;
  /** No further lifecycle step (only late money and anomaly records). */
  final: boolean;
  meaning: string;
}

export const STATE_INFO: Readonly<Record<SessionState, StateInfo>> = {
  open: {
    label: '在场',
    final: false,
    meaning:
      'vehicle inside (or parked at the roadside) with no freeze and nothing pending; may owe a fee',
  },
  awaiting_payment: {
    label: '待支付',
    final: false,
    meaning:
      'a pay is out: waiting for the payer, or for a lost answer (resolve by query, protocol note 4)',
  },
  awaiting_prepay: {
    label: '待预付',
    final: false,
    meaning: 'a prepay (entry or booking) is out: waiting for the payer or for a lost answer',
  },
  frozen: { label: '已预付', final: false, meaning: 'entry prepay frozen; vehicle inside' },
  booked: {
    label: '已预订',
    final: false,
    meaning: 'booking prepay frozen; the spot waits for the driver until holdUntil',
  },
  arriving: {
    label: '到达确认中',
    final: false,
    meaning: 'the arrival segment (finish feeType=1, the booking fee) is out',
  },
  parked: {
    label: '停车中',
    final: false,
    meaning: 'arrived at the booked spot; the freeze goes on',
  },
  settling: {
    label: '结算中',
    final: false,
    meaning: 'the final finish (feeType=9) or the return of the whole freeze is out',
  },
  cancelling: { label: '取消中', final: false, meaning: 'the cancel of a booking is out' },
  no_show_settling: {
    label: '爽约结算中',
    final: false,
    meaning: 'the booking expired without arrival; its finish or cancel is out',
  },
  paid: {
    label: '已支付',
    final: false,
    meaning: 'everything due is paid; the vehicle may leave until mayLeaveUntil',
  },
  closed: { label: '已离场', final: true, meaning: 'the vehicle left' },
  cancelled: {
    label: '已取消',
    final: true,
    meaning: 'booking cancelled and its freeze returned, or a prepay abandoned before payment',
  },
  no_show: {
    label: '未到场',
    final: true,
    meaning: 'booking expired without arrival; the no-show charge taken, the rest returned',
  },
  settled_by_platform: {
    label: '平台已结算',
    final: true,
    meaning:
      'endTime passed before arrival: the platform completed (road 1) or returned (road 9) the freeze',
  },
  failed: {
    label: '未完成支付',
    final: true,
    meaning:
      'the first prepay was never made (failed, cancelled at the cashier, expired): nothing is frozen, no parking is billed',
  },
};

export const FINAL_STATES: readonly SessionState[] = SESSION_STATES.filter(
  (s) => STATE_INFO[s].final,
);

/** Not final: the vehicle or the money is still on its way. */
export const LIVE_STATES: readonly SessionState[] = SESSION_STATES.filter(
  (s) => !STATE_INFO[s].final,
);

/** A platform call is out: reconcile queries these (protocol notes 4 and 9). */
export const PENDING_STATES: readonly SessionState[] = [
  'awaiting_payment',
  'awaiting_prepay',
  'arriving',
  'settling',
  'cancelling',
  'no_show_settling',
];

/** A freeze is open: reconcile settles these before endTime by the lot's policy. */
export const FREEZE_STATES: readonly SessionState[] = ['frozen', 'booked', 'parked'];

export function isFinal(state: SessionState): boolean {
  return STATE_INFO[state].final;
}

/**
 * The groups of states an operator filters the session list by; every state is in one at least
 * (a test holds it), so that no session is out of an operator's reach.
 */
export const STATE_GROUPS: ReadonlyArray<{
  key: string;
  label: string;
  states: readonly SessionState[];
}> = [
  { key: 'live', label: '进行中', states: LIVE_STATES },
  { key: 'unpaid', label: '待支付', states: ['open', 'awaiting_payment'] },
  { key: 'paid', label: '已支付', states: ['paid'] },
  { key: 'closed', label: '已离场', states: ['closed'] },
  { key: 'cancelled', label: '已取消', states: ['cancelled', 'no_show', 'failed'] },
  {
    key: 'settled_by_platform',
    label: STATE_INFO.settled_by_platform.label,
    states: ['settled_by_platform'],
  },
];
