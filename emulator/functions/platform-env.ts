/**
 * The environment a CloudBase function instance sees, as wx-server-sdk and @cloudbase/node-sdk
 * read it (node-sdk dist/utils/tcbcontext.js, dist/auth/index.js; wx-server-sdk getWXContext):
 * identity comes only from process.env, which is why each instance serves one request at a time.
 */

export interface PlatformSettings {
  envId: string;
  region: string;
  /** The database emulator's service URL (what TCB_CONTEXT_CNFG.URL points at). */
  databaseServiceUrl: string;
}

/** Who or what triggered an invocation. */
export type InvocationSource =
  | { kind: 'call'; openid: string; appid: string; unionid?: string; clientIp: string }
  | { kind: 'http'; clientIp: string }
  | { kind: 'timer'; triggerName: string };

/** Set once per instance. The fake credentials stop node-sdk from failing its request signing. */
export function instanceEnv(
  functionName: string,
  settings: PlatformSettings,
  functionEnv: Record<string, string> = {},
): Record<string, string> {
  return {
    TENCENTCLOUD_RUNENV: 'SCF',
    SCF_NAMESPACE: settings.envId,
    TCB_ENV: settings.envId,
    TENCENTCLOUD_REGION: settings.region,
    SCF_FUNCTIONNAME: functionName,
    SCF_FUNCTIONVERSION: '$LATEST',
    TENCENTCLOUD_SECRETID: 'emulator-secret-id',
    TENCENTCLOUD_SECRETKEY: 'emulator-secret-key',
    TENCENTCLOUD_SESSIONTOKEN: 'emulator-session-token',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: settings.databaseServiceUrl }),
    ...functionEnv,
  };
}

/** Platform variables that must never leak from the host's own environment into a function. */
export function isPlatformVariable(name: string): boolean {
  return /^(WX_|TCB_|SCF_|TENCENTCLOUD_|TRIGGER_SRC$|LOGINTYPE$)/.test(name);
}

/** Set for the duration of one invocation and removed afterwards. */
export function invocationEnv(source: InvocationSource, requestId: string): Record<string, string> {
  const env: Record<string, string> = { TCB_SEQID: requestId };
  if (source.kind === 'call') {
    const context: Record<string, string> = {
      WX_OPENID: source.openid,
      WX_APPID: source.appid,
      WX_CLIENTIP: source.clientIp,
      WX_CLIENTIPV6: `::ffff:${source.clientIp}`,
    };
    if (source.unionid) context.WX_UNIONID = source.unionid;
    Object.assign(env, context, {
      WX_CONTEXT_KEYS: Object.keys(context).join(','),
      TCB_SOURCE: 'wx_client',
      TRIGGER_SRC: 'tcb',
    });
  } else if (source.kind === 'http') {
    Object.assign(env, {
      WX_CLIENTIP: source.clientIp,
      WX_CONTEXT_KEYS: 'WX_CLIENTIP',
      TCB_SOURCE: 'http',
      TRIGGER_SRC: 'http',
    });
  } else {
    env.TRIGGER_SRC = 'timer';
  }
  return env;
}

/** The second argument of `main(event, context)`, shaped like the SCF Node.js runtime's. */
export function invocationContext(options: {
  functionName: string;
  requestId: string;
  timeoutMs: number;
  settings: PlatformSettings;
  env: Record<string, string>;
}): Record<string, unknown> {
  return {
    callbackWaitsForEmptyEventLoop: false,
    memory_limit_in_mb: 256,
    time_limit_in_ms: options.timeoutMs,
    request_id: options.requestId,
    function_name: options.functionName,
    function_version: '$LATEST',
    namespace: options.settings.envId,
    tencentcloud_region: options.settings.region,
    // node-sdk's init({ context }) parses this JSON (tcbcontext.parseContext).
    environment: JSON.stringify(options.env),
  };
}

/** The event a mini-program call delivers: its data plus the (deprecated) userInfo. */
export function callEvent(
  data: Record<string, unknown>,
  source: Extract<InvocationSource, { kind: 'call' }>,
): Record<string, unknown> {
  return { ...data, userInfo: { appId: source.appid, openId: source.openid } };
}

/** The event a timer trigger delivers (SCF format). */
export function timerEvent(triggerName: string, at: Date): Record<string, unknown> {
  return {
    Type: 'Timer',
    TriggerName: triggerName,
    Time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Message: '',
  };
}
