import { sendWindowOf } from './platform-gateway';

describe('sendWindowOf', () => {
  it("is the client's connect and answer timeouts, rounded up, plus a margin", () => {
    // The production defaults (server/config/function-config.ts): 3 s to connect, 8 s to answer.
    expect(sendWindowOf({ connectTimeoutMs: 3000, timeoutMs: 8000 })).toBe(21);
    expect(sendWindowOf({ connectTimeoutMs: 1000, timeoutMs: 1500 })).toBe(13);
  });
});
