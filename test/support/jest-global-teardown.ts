import { tearDown } from './temp-dir-global';

export default function globalTeardown(): void {
  const left = tearDown();
  if (left.length > 0) {
    throw new Error(
      `the tests left ${left.length} entries in the temporary directory: ${left.slice(0, 20).join(', ')}`,
    );
  }
}
