import {
  startDatabaseEmulator,
  type DatabaseEmulator,
  type DatabaseEmulatorOptions,
} from './database/server';
import { startFunctionHost, type FunctionHost, type FunctionHostOptions } from './functions/host';

export interface EmulatorStackOptions {
  database?: DatabaseEmulatorOptions;
  functions?: Omit<FunctionHostOptions, 'databaseUrl'>;
}

export interface EmulatorStack {
  database: DatabaseEmulator;
  /** The current host (a new object after `restartFunctions`). */
  readonly functions: FunctionHost;
  /**
   * Stops the function host (in-flight calls are cut, as a crash or redeploy does) and starts a
   * new one with the same options on the same port; the database keeps running.
   */
  restartFunctions(): Promise<FunctionHost>;
  /** Stops the function host, then the database (its data stays on disk). */
  close(): Promise<void>;
}

/** The database emulator and a function host wired to it. */
export async function startEmulatorStack(
  options: EmulatorStackOptions = {},
): Promise<EmulatorStack> {
  const database = await startDatabaseEmulator(options.database);
  let functions: FunctionHost;
  try {
    functions = await startFunctionHost({ ...options.functions, databaseUrl: database.url });
  } catch (err) {
    await database.close();
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    database,
    get functions() {
      return functions;
    },
    async restartFunctions() {
      const port = functions.port;
      await functions.close();
      functions = await startFunctionHost({
        ...options.functions,
        port,
        databaseUrl: database.url,
      });
      return functions;
    },
    close() {
      closing ??= functions.close().then(() => database.close());
      return closing;
    },
  };
}
