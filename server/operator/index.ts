export {
  operatorRoutes,
  createOperatorRoutes,
  OPERATOR_ROUTE_NAMES,
  type OperatorRouteName,
} from './routes';
export { operatorInputs } from './inputs';
