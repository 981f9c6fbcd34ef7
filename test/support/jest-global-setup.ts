import { setUp } from './temp-dir-global';

export default function globalSetup(): void {
  setUp();
}
