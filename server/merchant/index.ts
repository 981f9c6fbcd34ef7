// Merchant discounts (issue 14): routes, the give service and the cost hook.
export { merchantShell, merchantRoutes, type MerchantRouteName } from './routes';
export { recordMerchantCosts } from './costs';
