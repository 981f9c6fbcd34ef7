import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { Socket } from 'node:net';

/** Raised when a socket did not connect (TCP, and TLS for https) in time. */
export class ConnectTimeoutError extends Error {
  readonly code = 'ECONNECT_TIMEOUT';
  constructor(readonly timeoutMs: number) {
    super(`connection not established within ${timeoutMs} ms`);
    this.name = 'ConnectTimeoutError';
  }
}

type CreateConnection = (
  options: http.ClientRequestArgs,
  callback?: (err: Error | null, stream: Duplex) => void,
) => Duplex | null | undefined;

/**
 * axios has only one timeout, and Node's socket timeout is an idle timer; so the connect phase
 * gets its own timer here: started when the socket is created (so DNS counts too), cleared on
 * connect (secureConnect for TLS), and destroying the socket with ConnectTimeoutError if it fires.
 */
function withConnectTimeout(create: CreateConnection, timeoutMs: number, secure: boolean) {
  return (
    options: http.ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ) => {
    const socket = create(options, callback);
    if (socket instanceof Socket && socket.connecting) {
      const timer = setTimeout(() => socket.destroy(new ConnectTimeoutError(timeoutMs)), timeoutMs);
      const clear = () => clearTimeout(timer);
      socket.once(secure ? 'secureConnect' : 'connect', clear);
      socket.once('close', clear);
    }
    return socket;
  };
}

export class ConnectTimeoutHttpAgent extends http.Agent {
  constructor(
    private readonly connectTimeoutMs: number,
    options: http.AgentOptions = {},
  ) {
    super(options);
  }

  override createConnection(
    options: http.ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ) {
    const create: CreateConnection = (o, cb) => super.createConnection(o, cb);
    return withConnectTimeout(create, this.connectTimeoutMs, false)(options, callback);
  }
}

export class ConnectTimeoutHttpsAgent extends https.Agent {
  constructor(
    private readonly connectTimeoutMs: number,
    options: https.AgentOptions = {},
  ) {
    super(options);
  }

  override createConnection(
    options: http.ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ) {
    const create: CreateConnection = (o, cb) => super.createConnection(o, cb);
    return withConnectTimeout(create, this.connectTimeoutMs, true)(options, callback);
  }
}
