import type { BenchReport } from './run-bench';

/** The printed result of `npm run bench` (pure). */
function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((r) =>
    r
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
const x = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '—');

const OBSERVER_TEXT = {
  notification: 'notification alone (DB watched)',
  gate: 'gate may_leave (signed /gate)',
  confirm: 'driver payment.confirm (api)',
} as const;

export function formatReport(report: BenchReport): string {
  const { machine, sizes, throughput: t, requireTimes: r } = report;
  const lines: string[] = [];
  lines.push('', '=== npm run bench — results ===', '');
  lines.push(
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.platform}, Node ${machine.node}`,
    `Load average (1 min): ${report.loadAverage.before.toFixed(2)} before, ${report.loadAverage.after.toFixed(2)} after` +
      (report.loadAverage.before > machine.cores / 2
        ? ' — the machine was busy: figures are skewed'
        : ''),
    '',
  );

  lines.push(
    `1. Notify throughput: ${t.notify.completed} POSTs each, ${sizes.notifyConcurrency} concurrent, one client in its own process, 127.0.0.1,` +
      (t.notify.timedOut ? ` (time limit of ${sizes.notifyTimeLimitMs / 1000} s reached)` : ''),
    `   ${t.bodies} real signed notification bodies of already paid sessions (duplicate deliveries:`,
    '   stored raw, signature verified, cross-checked, compare-and-set answers "already", reply success);',
    `   database emulator then held ${t.sessionsInDb} sessions and ${t.notificationsInDb} notifications`,
  );
  lines.push(
    ...table([
      ['', 'req/s', 'p50 ms', 'p99 ms', 'ok/sent'],
      ...[
        ['function host /notify (cloudfunctions/notify)', t.notify],
        ['function host /empty (an empty function)', t.empty],
        ['bare Node server replying success', t.bare],
      ].map(([name, l]) => {
        const load = l as typeof t.bare;
        return [
          `   ${name as string}`,
          load.perSecond.toFixed(0),
          ms(load.latencyMs.p50),
          ms(load.latencyMs.p99),
          `${load.ok}/${load.completed}`,
        ];
      }),
    ]),
  );
  lines.push(
    `   ratio notify / empty function: ${t.ratioToEmpty.toFixed(3)} (issue 15 asks ≥ 0.5)`,
    `   ratio notify / bare: ${t.ratio.toFixed(4)} (bare is ${(1 / t.ratio).toFixed(1)}× faster); ` +
      `notifications stored as "already": ${t.storedAlready}`,
    '',
  );

  lines.push(
    `2. Payment → may leave, ms from just before the cashier's pay (HTTP) to the first "may leave",`,
    `   ${sizes.journeys} sequential journeys per row (gate entry 2 h earlier, api exit.pay, cashier pay;`,
    `   asked again every ${sizes.pollMs} ms until yes); dropped = sandbox fault drop rate 1`,
  );
  lines.push(
    ...table([
      ['   notifications  observer', 'p50 ms', 'p99 ms', 'max ms', 'resolved', 'asks/journey'],
      ...report.latency.map((s) => [
        `   ${s.notifications.padEnd(13)}  ${OBSERVER_TEXT[s.observer]}`,
        ms(s.p50Ms),
        ms(s.p99Ms),
        ms(s.maxMs),
        `${s.resolved}/${s.journeys}`,
        s.meanPolls.toFixed(2),
      ]),
    ]),
  );
  lines.push(
    `   notifications dropped by the sandbox in the dropped rows: ${report.droppedDeliveries}`,
    '',
  );

  lines.push(
    `3. Bundled functions (scripts/build-functions.ts, minified): require time in a fresh Node process,`,
    `   median of ${sizes.requireReps}; ratio to requiring wx-server-sdk alone from node_modules`,
  );
  lines.push(
    ...table([
      ['', 'bytes', 'require ms', 'ratio to SDK'],
      ['   wx-server-sdk alone (node_modules)', '—', ms(r.sdk.requireMs), x(1)],
      [
        '   wx-server-sdk alone, bundled',
        String(r.sdk.bundledBytes),
        ms(r.sdk.bundledRequireMs),
        x(r.sdk.bundledRequireMs / r.sdk.requireMs),
      ],
      ...r.functions.map((f) => [`   ${f.name}`, String(f.bytes), ms(f.requireMs), x(f.ratio)]),
    ]),
  );
  const c = report.camera;
  const up = c.barrierUp;
  lines.push(
    '',
    `4. Plate camera (/camera/<token>, cloudfunctions/camera): ${c.read.count} AlarmInfoPlate reads at an entry, one`,
    '   at a time (lane decision, session started, reply with LED text), each also pushed to a bare',
    '   Node server (same client, interleaved); then cars held at the exit (请扫码缴费): ms from the',
    `   cashier's pay answer to the first heartbeat reply with info "ok", the camera heartbeating every`,
    `   ${up.heartbeatMs} ms all along (${up.meanHeartbeats.toFixed(2)} heartbeats per car after the cashier's answer)`,
  );
  lines.push(
    ...table([
      ['', 'p50 ms', 'p99 ms', 'max ms', 'count'],
      ...(
        [
          ['push → reply, function host camera', c.read],
          ['push → reply, bare Node server', c.bare],
          ['payment → barrier up (heartbeat)', up],
        ] as const
      ).map(([name, p]) => [`   ${name}`, ms(p.p50Ms), ms(p.p99Ms), ms(p.maxMs), String(p.count)]),
    ]),
  );
  lines.push(`   ratio camera / bare (p50): ${x(c.ratio)}`);
  lines.push('', `Total run: ${report.totalSeconds.toFixed(0)} s`);
  return lines.join('\n');
}
