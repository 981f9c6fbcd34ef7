export {
  operatorRoutes,
  createOperatorRoutes,
  OPERATOR_ROUTE_NAMES,
  type OperatorRouteName,
} from './routes';
export { inviteeRoutes, type InviteeRouteName } from './invitee-routes';
export { operatorShell, authorizeAnyOperator } from './api-shell';
export { operatorInputs } from '../contract/operator-inputs';
