import { z } from 'zod';

/**
 * Why a session is charged nothing: the car came in on a pass or on the whitelist (decided once,
 * at entry, by lane-rule.ts). The session is still recorded, for occupancy and the operator.
 */
export const privilegeSchema = z.object({
  kind: z.enum(['pass', 'whitelist']),
  /** The pass id, or the list entry id. */
  refId: z.string().min(1).max(80),
  /** What the operator and the driver read: 月卡「标准月卡」, 白名单：公务车. */
  label: z.string().min(1).max(80),
  /** Entered in the pass's grace days (after its end date). */
  grace: z.literal(true).optional(),
});
export type Privilege = z.infer<typeof privilegeSchema>;
