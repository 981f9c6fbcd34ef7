import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../../devstack/free-port';
import { type LocalStack, startLocalStack } from '../../../devstack/local-stack';
import {
  databaseSnapshot,
  settledDatabaseSnapshot,
  type GateAnswer,
  StackClient,
} from '../../../devstack/stack-client';
import type { SessionDoc } from '../../../server/cloud/session-doc';
import { COLLECTIONS } from '../../../server/store/collections';

/**
 * The real local stack (sandbox, CloudBase emulator, function host running cloudfunctions/)
 * with the demo seed, and its client (devstack/stack-client.ts). The functions follow the
 * sandbox's clock, so tests can move time for both.
 */

/** Every operator test's day starts at 09:00 China time on the sandbox clock. */
const START_CHINA_HOUR = 9;

export class OperatorStack extends StackClient {
  private constructor(
    readonly stack: LocalStack,
    private readonly dataDir: string,
  ) {
    super(stack.urls);
  }

  static async start(): Promise<OperatorStack> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'operator-test-'));
    const sandboxPort = await freePort();
    const stack = await startLocalStack({
      dataDir,
      ports: { sandbox: sandboxPort, database: 0, functions: 0 },
      sandbox: { settleIntervalMs: 50, notifyTimeoutMs: 5000 },
      functions: {
        timers: false,
        maxInstancesPerFunction: 2,
        defaultTimeoutMs: 20_000,
        env: {
          PARKING_QR_MODE: 'local',
          PARKING_QR_BASE_URL: 'https://parking.test/p',
          ALLINPAY_TIMEOUT_MS: '3000',
        },
      },
    });
    const client = new OperatorStack(stack, dataDir);
    await client.advanceToChinaHour(START_CHINA_HOUR);
    return client;
  }

  async close(): Promise<void> {
    await this.stack.close();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  get engine() {
    return this.stack.emulator.database.engine;
  }

  /** A lot controller's signed report to /gate. */
  override gate<T = GateAnswer>(lotId: string, body: Record<string, unknown>) {
    return super.gate<T>(lotId, body);
  }

  /** The payer pays at the sandbox cashier with wx.requestPayment's arguments. */
  async pay(requestPayment: Record<string, string>): Promise<void> {
    await this.cashierPay(requestPayment);
  }

  /**
   * `openid` joins `lotId` with `role` the only way there is: `owner` invites, `openid` accepts
   * (op.invitations.create, invitation.accept). Answers the invitation's code.
   */
  async addOperator(
    owner: string,
    lotId: string,
    openid: string,
    role: 'owner' | 'operator',
    name = `同事${openid.slice(-4)}`,
  ): Promise<string> {
    const made = await this.ok<{ invitation: { code: string } }>(owner, 'op.invitations.create', {
      lotId,
      role,
    });
    await this.ok(openid, 'invitation.accept', { code: made.invitation.code, name });
    return made.invitation.code;
  }

  /** Every document of every collection: to prove that a refused call changed nothing. */
  snapshot(): string {
    return databaseSnapshot(this.engine);
  }

  /** The snapshot to compare against, taken once the writes of earlier steps have all landed. */
  settledSnapshot(): Promise<string> {
    return settledDatabaseSnapshot(this.engine);
  }

  session(id: string): SessionDoc {
    const doc = this.engine.get(COLLECTIONS.sessions, id);
    if (!doc) throw new Error(`no session ${id}`);
    return doc as unknown as SessionDoc;
  }
}

export { eventually } from '../../support/eventually';
