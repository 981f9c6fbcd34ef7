import * as cloud from 'wx-server-sdk';
import { type Database, wrapDatabase } from './database';

/**
 * The one place that initialises wx-server-sdk. Only `env: DYNAMIC_CURRENT_ENV` is passed: the
 * platform (or the local function host) injects the database URL and credentials
 * (emulator/README.md), so the same code runs in CloudBase and locally.
 */
let database: Database | undefined;

export function cloudDatabase(): Database {
  if (!database) {
    // The SDK's typings say `env` is a string; DYNAMIC_CURRENT_ENV is a symbol, hence the cast.
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    database = wrapDatabase(cloud.database());
  }
  return database;
}

/** The caller's openid from the cloud context only ('' for timers and HTTP access). */
export function callerOpenid(): string {
  const context = cloud.getWXContext() as { OPENID?: string };
  return context.OPENID ?? '';
}
