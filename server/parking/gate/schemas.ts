import { z } from 'zod';
import { entityId, unixSeconds } from '../../../core/parking/primitives';

/**
 * Bodies of the gate endpoint (JSON). The kind of report is inside the signed body, so a captured
 * entry can never be replayed as an exit. `at` is the controller's time of the event (unix
 * seconds); absent: now.
 */
const report = {
  gateId: entityId,
  plate: z.string().min(1).max(16),
  at: unixSeconds.optional(),
};

export const gateRequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('entry'), ...report }),
  z.strictObject({ type: z.literal('exit'), ...report }),
  z.strictObject({ type: z.literal('may_leave'), gateId: entityId, plate: report.plate }),
]);

export type GateRequest = z.infer<typeof gateRequestSchema>;

/** How far a reported event time may be from our clock. */
export const MAX_EVENT_AGE_SECONDS = 7 * 86_400;
export const MAX_EVENT_AHEAD_SECONDS = 300;
