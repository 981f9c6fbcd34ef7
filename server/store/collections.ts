/**
 * The cloud database's collections. Every one is read and written only by cloud functions: the
 * security rules (cloudbase/database-rules.json) deny all client access.
 */
export const COLLECTIONS = {
  /** core/parking Lot, `_id` = lot.id. */
  lots: 'lots',
  /** Per-lot secret for the gate controller's HMAC, `_id` = lot id. Never returned by a route. */
  lotSecrets: 'lot_secrets',
  gates: 'gates',
  spots: 'spots',
  tariffs: 'tariffs',
  /** OperatorGrant, `_id` = `${lotId}:${openid}`. */
  operators: 'operators',
  /** core/parking Session, `_id` = session.id. */
  sessions: 'sessions',
  /** Every notification delivery, raw, for audit (protocol note 11). */
  notifications: 'notifications',
  /** Operator actions (finish, cancel, open gate, edits) with reason. */
  audit: 'audit',
  /** Entry/exit reports of the lot controllers. */
  gateEvents: 'gate_events',
  /** Nonces of gate requests inside the clock-skew window, `_id` = `${lotId}:${nonce}`. */
  gateNonces: 'gate_nonces',
  /** A driver's remembered plates, `_id` = openid. */
  drivers: 'drivers',
  /**
   * One live session per key (`plate:<lotId>:<plate>`, `spot:<spotId>`), `_id` = key: the insert
   * is the lock; a lock whose session has ended is taken over.
   */
  sessionLocks: 'session_locks',
  /** WeChat Pay parameters of a pay or prepay (protocol note 13), `_id` = reqsn. Never logged. */
  paySheets: 'pay_sheets',
  /** Invitations to run a lot (core/parking/invitation.ts), `_id` = the code. */
  invitations: 'invitations',
  /** money: one session's money on one China day, `_id` = `${sessionId}|${date}` (server/operator/daily-money.ts). */
  dailyMoney: 'daily_money',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];

/** Indexes the functions' queries rely on (also in cloudbase/database-indexes.json). */
export const INDEXES: Record<
  CollectionName,
  Array<{ name: string; keys: Record<string, 1 | -1>; unique: boolean }>
> = {
  lots: [{ name: 'parkingNo_1', keys: { parkingNo: 1 }, unique: true }],
  lot_secrets: [],
  gates: [{ name: 'lotId_1', keys: { lotId: 1 }, unique: false }],
  spots: [{ name: 'lotId_1', keys: { lotId: 1 }, unique: false }],
  tariffs: [],
  operators: [{ name: 'openid_1', keys: { openid: 1 }, unique: false }],
  sessions: [
    { name: 'openid_1_inTime_-1', keys: { openid: 1, inTime: -1 }, unique: false },
    { name: 'lotId_1_state_1', keys: { lotId: 1, state: 1 }, unique: false },
    { name: 'state_1', keys: { state: 1 }, unique: false },
    { name: 'plate_1_lotId_1', keys: { plate: 1, lotId: 1 }, unique: false },
    // notify finds a session by the reqsn of its pay or prepay
    { name: 'calls.id_1', keys: { 'calls.id': 1 }, unique: false },
    // reconcile's candidates
    { name: 'state_1_checkedAt_1', keys: { state: 1, checkedAt: 1 }, unique: false },
    { name: 'staleAt_1', keys: { staleAt: 1 }, unique: false },
    { name: 'settleAt_1', keys: { settleAt: 1 }, unique: false },
    { name: 'lotId_1_spotId_1', keys: { lotId: 1, spotId: 1 }, unique: false },
  ],
  notifications: [{ name: 'reqsn_1', keys: { reqsn: 1 }, unique: false }],
  audit: [{ name: 'lotId_1_at_-1', keys: { lotId: 1, at: -1 }, unique: false }],
  gate_events: [{ name: 'lotId_1_at_-1', keys: { lotId: 1, at: -1 }, unique: false }],
  gate_nonces: [],
  drivers: [],
  session_locks: [],
  pay_sheets: [],
  // op.invitations.list: a lot's invitations, newest first
  invitations: [{ name: 'lotId_1_createdAt_-1', keys: { lotId: 1, createdAt: -1 }, unique: false }],
  // money: reports read a lot's days (server/operator/daily-money.ts)
  daily_money: [{ name: 'lotId_1_date_1', keys: { lotId: 1, date: 1 }, unique: false }],
};
