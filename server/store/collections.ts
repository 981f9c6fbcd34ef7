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
  /** Merchants of a lot (core/parking/merchant.ts), `_id` = merchant id (server/merchant). */
  merchants: 'merchants',
  /** A merchant's staff, `_id` = `${merchantId}:${openid}`. */
  merchantStaff: 'merchant_staff',
  /**
   * One discount of a merchant to one session, `_id` = `${merchantId}|${sessionId}` (the insert
   * is the one-per-session lock); its `cost` is SET from the session after each change.
   */
  merchantDiscounts: 'merchant_discounts',
  /** Top-ups of a merchant's balance, `_id` = the operator's request id (a repeat is the same). */
  merchantTopups: 'merchant_topups',
  /** One-time discount QR codes and merchant staff invitations, `_id` = the code. */
  merchantCodes: 'merchant_codes',
  /** Roadside arrears (core/parking/arrears.ts), `_id` = the session id (the insert records it once). */
  arrears: 'arrears',
  /** Arrears paid through `pay` (server/arrears/orders.ts), `_id` = its reqsn. */
  arrearsOrders: 'arrears_orders',
  /** Plate cameras registered to a gate (server/parking/camera), `_id` = camera id; the token only hashed. */
  cameras: 'cameras',
  /** Every plate read a camera pushed, with the lane decision and the reply (no image), `_id` = read key. */
  cameraReads: 'camera_reads',
  /** core/passes PassPlan, `_id` = plan.id. */
  passPlans: 'pass_plans',
  /** core/passes Pass, `_id` = pass.id. */
  passes: 'passes',
  /** The pass a plate is on in a lot, `_id` = `${lotId}:${plate}` (the lane's lookup). */
  passPlates: 'pass_plates',
  /** A pass payment (`pay`) or an operator's issue, `_id` = its reqsn / operation id. */
  passOrders: 'pass_orders',
  /** core/passes ListEntry (white and black lists), `_id` = `${lotId}:${kind}:${plate}`. */
  plateLists: 'plate_lists',
  /** Subscribe messages sent (or refused by WeChat), `_id` = `${kind}:${ref}`: at most one each. */
  subscribeMessages: 'subscribe_messages',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];

/** Indexes the functions' queries rely on (also in cloudbase/database-indexes.json). */
export const INDEXES: Record<
  CollectionName,
  Array<{ name: string; keys: Record<string, 1 | -1>; unique: boolean }>
> = {
  lots: [
    { name: 'parkingNo_1', keys: { parkingNo: 1 }, unique: true },
    // a tariff's lots (tariff edits)
    { name: 'tariffId_1', keys: { tariffId: 1 }, unique: false },
  ],
  lot_secrets: [],
  // a lot's places in id order (also serves `{ lotId }` alone, as a prefix)
  gates: [{ name: 'lotId_1__id_1', keys: { lotId: 1, _id: 1 }, unique: false }],
  spots: [{ name: 'lotId_1__id_1', keys: { lotId: 1, _id: 1 }, unique: false }],
  tariffs: [],
  operators: [
    { name: 'openid_1', keys: { openid: 1 }, unique: false },
    { name: 'lotId_1', keys: { lotId: 1 }, unique: false },
  ],
  sessions: [
    // a driver's sessions, newest first
    { name: 'openid_1_inTime_-1', keys: { openid: 1, inTime: -1 }, unique: false },
    // live sessions of a lot (dashboard, spots, place deletion)
    { name: 'lotId_1_state_1', keys: { lotId: 1, state: 1 }, unique: false },
    // a plate's latest session in a lot; the operator's list by plate
    {
      name: 'plate_1_lotId_1_inTime_-1__id_-1',
      keys: { plate: 1, lotId: 1, inTime: -1, _id: -1 },
      unique: false,
    },
    // the operator's list of a lot, newest first, by day range; today's count
    {
      name: 'lotId_1_inTime_-1__id_-1',
      keys: { lotId: 1, inTime: -1, _id: -1 },
      unique: false,
    },
    {
      name: 'lotId_1_flagged_1_inTime_-1__id_-1',
      keys: { lotId: 1, flagged: 1, inTime: -1, _id: -1 },
      unique: false,
    },
    // sessions touching a period (session-range: updated since its start)
    { name: 'lotId_1_updatedAt_1', keys: { lotId: 1, updatedAt: 1 }, unique: false },
    // notify finds a session by the reqsn of its pay or prepay
    { name: 'calls.id_1', keys: { 'calls.id': 1 }, unique: false },
    // reconcile's candidates: a state (or a few) and the time that makes them due
    { name: 'state_1_checkedAt_1', keys: { state: 1, checkedAt: 1 }, unique: false },
    { name: 'state_1_holdUntil_1', keys: { state: 1, holdUntil: 1 }, unique: false },
    { name: 'state_1_settleAt_1', keys: { state: 1, settleAt: 1 }, unique: false },
    { name: 'state_1_staleAt_1', keys: { state: 1, staleAt: 1 }, unique: false },
    { name: 'state_1_mayLeaveUntil_1', keys: { state: 1, mayLeaveUntil: 1 }, unique: false },
    // reconcile's repair of per-day money totals left unwritten (sparse: cleared once written)
    { name: 'moneyPendingAt_1', keys: { moneyPendingAt: 1 }, unique: false },
  ],
  // read by _id only (a notification's verdict is written by _id)
  notifications: [],
  audit: [{ name: 'lotId_1_at_-1__id_-1', keys: { lotId: 1, at: -1, _id: -1 }, unique: false }],
  // a camera's heartbeat picks up the operator's recent remote opens of its gate
  gate_events: [
    { name: 'gateId_1_type_1_at_1', keys: { gateId: 1, type: 1, at: 1 }, unique: false },
  ],
  // expired by time on every reconcile run
  gate_nonces: [{ name: 'at_1', keys: { at: 1 }, unique: false }],
  drivers: [],
  session_locks: [],
  pay_sheets: [],
  // op.invitations.list: a lot's invitations, newest first
  invitations: [{ name: 'lotId_1_createdAt_-1', keys: { lotId: 1, createdAt: -1 }, unique: false }],
  // money: reports read a lot's days (server/operator/daily-money.ts)
  daily_money: [
    // pages by _id within a lot's day
    { name: 'lotId_1_date_1__id_1', keys: { lotId: 1, date: 1, _id: 1 }, unique: false },
  ],
  // merchants of a lot (operator list)
  merchants: [{ name: 'lotId_1__id_1', keys: { lotId: 1, _id: 1 }, unique: false }],
  // the merchants a person staffs; a merchant's staff
  merchant_staff: [
    { name: 'openid_1', keys: { openid: 1 }, unique: false },
    { name: 'merchantId_1', keys: { merchantId: 1 }, unique: false },
  ],
  merchant_discounts: [
    // a merchant's days (limits, statement, balance), in id order
    { name: 'merchantId_1_date_1__id_1', keys: { merchantId: 1, date: 1, _id: 1 }, unique: false },
    // the per-plate limit
    {
      name: 'merchantId_1_plate_1_date_1',
      keys: { merchantId: 1, plate: 1, date: 1 },
      unique: false,
    },
    // the operator's view per merchant per day
    { name: 'lotId_1_date_1__id_1', keys: { lotId: 1, date: 1, _id: 1 }, unique: false },
    // pending discounts of a plate in a lot (given before the car came in)
    { name: 'lotId_1_plate_1_state_1', keys: { lotId: 1, plate: 1, state: 1 }, unique: false },
  ],
  // a merchant's top-ups, newest first (balance, audit)
  merchant_topups: [{ name: 'merchantId_1_at_-1', keys: { merchantId: 1, at: -1 }, unique: false }],
  // a merchant's codes and the static counter QR's daily count
  merchant_codes: [
    { name: 'merchantId_1_createdAt_-1', keys: { merchantId: 1, createdAt: -1 }, unique: false },
  ],
  arrears: [
    // a driver's remembered plates' open arrears
    { name: 'plate_1_state_1', keys: { plate: 1, state: 1 }, unique: false },
    // a driver's own sessions' open arrears (a car without a plate has no remembered plate)
    { name: 'openid_1_state_1', keys: { openid: 1, state: 1 }, unique: false },
    // the operator's list of a lot, oldest first (age)
    { name: 'lotId_1_state_1_to_1', keys: { lotId: 1, state: 1, to: 1 }, unique: false },
  ],
  arrears_orders: [
    // an arrears record's payments, newest first (reuse, a second payment)
    { name: 'arrearsId_1_createdAt_-1', keys: { arrearsId: 1, createdAt: -1 }, unique: false },
    // reconcile: orders still open, oldest check first (server/pay-orders/reconcile.ts)
    { name: 'status_1_checkedAt_1', keys: { status: 1, checkedAt: 1 }, unique: false },
    // revenue, reconciliation and export: a lot's recoveries of a China day
    { name: 'lotId_1_paidDate_1__id_1', keys: { lotId: 1, paidDate: 1, _id: 1 }, unique: false },
  ],
  // op.cameras.list: a lot's cameras
  cameras: [
    { name: 'lotId_1__id_1', keys: { lotId: 1, _id: 1 }, unique: false },
    // registering a device again (moved to another gate or lot) retires its earlier record
    { name: 'serialno_1', keys: { serialno: 1 }, unique: false },
  ],
  // op.cameras.list: a camera's latest reads
  camera_reads: [
    { name: 'cameraId_1_receivedAt_-1', keys: { cameraId: 1, receivedAt: -1 }, unique: false },
  ],
  // passes: a lot's plans in id order
  pass_plans: [{ name: 'lotId_1__id_1', keys: { lotId: 1, _id: 1 }, unique: false }],
  passes: [
    // a driver's passes; a lot's passes by end date (operator list)
    { name: 'openid_1_endAt_-1', keys: { openid: 1, endAt: -1 }, unique: false },
    { name: 'lotId_1_endAt_1__id_1', keys: { lotId: 1, endAt: 1, _id: 1 }, unique: false },
    // reconcile: expiry reminders due
    { name: 'remindAt_1', keys: { remindAt: 1 }, unique: false },
  ],
  // read by _id only
  pass_plates: [],
  pass_orders: [
    // a driver's pass payments, newest first (receipts)
    { name: 'openid_1_createdAt_-1', keys: { openid: 1, createdAt: -1 }, unique: false },
    // reconcile: orders still open, oldest check first (server/pay-orders/reconcile.ts)
    { name: 'status_1_checkedAt_1', keys: { status: 1, checkedAt: 1 }, unique: false },
    // revenue: a lot's pass sales by payment time
    { name: 'lotId_1_paidAt_1', keys: { lotId: 1, paidAt: 1 }, unique: false },
  ],
  // a lot's list, by plate
  plate_lists: [
    { name: 'lotId_1_kind_1_plate_1', keys: { lotId: 1, kind: 1, plate: 1 }, unique: false },
  ],
  // written by _id only (the insert is the once-only guard)
  subscribe_messages: [],
};

/**
 * Collections a query may read without an index (the emulator's coverage check lets them
 * through): each is bounded by design.
 */
export const UNINDEXED_ALLOWED: Partial<Record<CollectionName, string>> = {};
