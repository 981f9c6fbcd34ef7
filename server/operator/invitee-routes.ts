import type { z } from 'zod';
import { route } from '../api-kit/router';
import type { inviteeContract } from '../contract/operator';
import type { ApiContext, RoutesFor } from '../parking/api/context';
import { operatorInputs as input } from '../contract/operator-inputs';
import { acceptInvitation, peekInvitation } from './invitations';

/**
 * An invitation to run a lot, opened by the invitee: audience `driver`, since the invitee holds
 * no grant yet (invitations.ts checks the code).
 */
const invitee = <S extends z.ZodType, R>(
  schema: S,
  handle: (ctx: ApiContext, data: z.output<S>) => Promise<R>,
) => route<S, ApiContext, R>({ audience: 'driver', input: schema, handle });

export const inviteeRoutes = {
  'invitation.get': invitee(input.invitationCode, (ctx, d) => peekInvitation(ctx, d)),
  'invitation.accept': invitee(input.invitationAccept, (ctx, d) => acceptInvitation(ctx, d)),
} satisfies RoutesFor<typeof inviteeContract>;

export type InviteeRouteName = keyof typeof inviteeRoutes;
