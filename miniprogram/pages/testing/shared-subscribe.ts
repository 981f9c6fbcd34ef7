// Like shared-transport: each page runs in its own module registry, so a test that sets template
// ids must share one copy of services/subscribe.ts with the page. A page test declares
//   jest.mock('../../services/subscribe', () => jest.requireActual('../testing/shared-subscribe').sharedSubscribeModule());

declare const jest: { requireActual<T>(path: string): T };

const slot = globalThis as unknown as { __driverTestSubscribe?: Record<string, unknown> };

export function sharedSubscribeModule(): Record<string, unknown> {
  return (slot.__driverTestSubscribe ??= jest.requireActual('../../services/subscribe'));
}
