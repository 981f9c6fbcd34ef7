import type { Route, RouteContext, RouteTable } from '../../api-kit/router';
import type { RouteSpec, SpecOutput } from '../../contract/route-spec';
import type { ParkingDeps } from '../deps';

/** The context of every `api` route: the caller (from the cloud context only) and the services' deps. */
export interface ApiContext extends RouteContext {
  deps: ParkingDeps;
}

export type ApiRouteTable = RouteTable<ApiContext>;

/**
 * A table implementing a part of the contract (server/contract): every route of it, none more,
 * each validated by the contract's schema and answering its output type.
 */
export type RoutesFor<T extends Record<string, RouteSpec>> = {
  [K in keyof T]: Route<T[K]['input'], ApiContext, SpecOutput<T[K]>>;
};

/**
 * What a module registers in the `api` function: a table of routes and, where some of them are
 * `audience: 'operator'`, the check that lets a caller reach them at all (each route then checks
 * the caller's right itself).
 */
export interface ApiShell<R extends ApiRouteTable = ApiRouteTable> {
  routes: R;
  authorizeOperator?(ctx: ApiContext): Promise<void>;
}

/** One table from several (driver routes, operator routes...); a name defined twice is a bug. */
export function mergeRouteTables(tables: readonly ApiRouteTable[]): ApiRouteTable {
  const merged: ApiRouteTable = {};
  for (const table of tables) {
    for (const [name, definition] of Object.entries(table)) {
      if (Object.prototype.hasOwnProperty.call(merged, name)) {
        throw new Error(`api route "${name}" is defined twice`);
      }
      merged[name] = definition;
    }
  }
  return merged;
}
