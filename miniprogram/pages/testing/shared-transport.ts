import type { Transport } from '../../services/transport';

// test-support loads each page in its own jest module registry, so the page holds its own copy of
// services/transport.ts and a setTransport() from the test would not reach it. Each page test
// therefore declares
//   jest.mock('../../services/transport', () => jest.requireActual('../testing/shared-transport').sharedTransportModule());
// which keeps the transport in one global slot that every copy reads.

declare const jest: { requireActual<T>(path: string): T };

const slot = globalThis as unknown as { __driverTestTransport?: Transport };

export function sharedTransportModule(): Record<string, unknown> {
  const actual = jest.requireActual<Record<string, unknown>>('../../services/transport');
  return {
    ...actual,
    setTransport(transport: Transport) {
      slot.__driverTestTransport = transport;
    },
    getTransport(): Transport {
      if (!slot.__driverTestTransport) throw new Error('test transport not set: call fakeApi()');
      return slot.__driverTestTransport;
    },
  };
}
