// The call-site tag of a database request (index coverage reports).
import { callSite } from '../functions/call-site';

function queryHere(): string | undefined {
  return callSite();
}

describe('callSite', () => {
  it('names the first frame of our own code, from structured frames', () => {
    const site = queryHere();
    expect(site).toMatch(/^emulator\/test\/call-site\.test\.ts:\d+ \(queryHere\)$/);
  });

  it('leaves Error.prepareStackTrace and the stack limit as they were', () => {
    const limit = Error.stackTraceLimit;
    const prepare = Error.prepareStackTrace;
    queryHere();
    expect(Error.stackTraceLimit).toBe(limit);
    expect(Error.prepareStackTrace).toBe(prepare);
    expect(typeof new Error('x').stack).toBe('string');
  });
});
