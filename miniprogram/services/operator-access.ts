import { ApiCallError } from './api-result';
import { operatorApi } from './operator-api';
import type { OperatorMe } from './operator-types';

/**
 * Whether the caller runs any lot, for showing the operator entry (the server still refuses
 * every operator route to others). A FORBIDDEN answer means not an operator; other failures
 * hide the entry too, and are not thrown: the driver's page must not break on them.
 */
export async function operatorGrants(): Promise<OperatorMe | undefined> {
  try {
    return await operatorApi.me();
  } catch (error) {
    if (error instanceof ApiCallError) return undefined;
    throw error;
  }
}

export async function isOperator(): Promise<boolean> {
  const me = await operatorGrants();
  return me !== undefined && me.lots.length > 0;
}
