import { badCounts } from './audit';
import type { ChaosReport } from './run-chaos';

const ms = (v: number) => `${v.toFixed(0)} ms`;
const spread = (s: ChaosReport['payToLeave']) =>
  `p50 ${ms(s.p50Ms)}, p99 ${ms(s.p99Ms)}, max ${ms(s.maxMs)} (${s.count})`;

/** The chaos run's figures as a table a person reads; the bad counts first. */
export function formatReport(r: ChaosReport): string {
  const rows: Array<[string, string]> = [
    ['journeys completed', `${r.completed}/${r.journeys}`],
    ['sessions lost', String(r.sessionsLost)],
    [
      'sessions stuck longer than one reconcile cycle',
      `${r.stuck} (cycle ${ms(r.reconcileCycle.cycleMs)}: period ${ms(r.reconcileCycle.periodMs)} + longest of ${r.reconcileCycle.runs} runs ${ms(r.reconcileCycle.longestRunMs)})`,
    ],
    [
      'reconcile runs',
      `p50 ${ms(r.reconcileCycle.p50RunMs)}, longest ${ms(r.reconcileCycle.longestRunMs)}; during the restart: ${r.reconcileCycle.restartRunsMs.map(ms).join(', ') || 'none'}`,
    ],
    ['double charges', String(r.doubleCharges)],
    ['forged notifications accepted', `${r.forgedAccepted} (${r.forgedRefused} refused)`],
    [
      'tampered notifications accepted',
      `${r.tamperedAccepted} (${r.tamperedRefused} recorded as anomalies)`,
    ],
    ['ledger mismatches', String(r.ledgerMismatches)],
    ['daily totals ≠ recount', String(r.dailyTotalsMismatches)],
    ['pass orders applied ≠ once', String(r.passMisapplied)],
    ['pass cars charged', String(r.passCarsCharged)],
    ['merchants mischarged', String(r.merchantMischarged)],
    ['arrears paid ≠ once', String(r.arrearsMispaid)],
    ['pass / arrears orders ≠ ledger', String(r.ordersLedgerMismatches)],
    [
      'payment → may leave (app, gate, camera)',
      `${spread(r.payToLeave)}; outside the restart ${spread(r.payToLeaveCalm)}`,
    ],
    ...Object.entries(r.payToLeaveBy).map(([by, s]): [string, string] => [
      by === 'nobody' ? '  nobody asking (paid → session knows)' : `  asked by ${by}`,
      `${spread(s.all)}; outside the restart ${spread(s.calm)}`,
    ]),
    [
      'pass / arrears paid → applied',
      `${spread(r.orderSeen)}; outside the restart ${spread(r.orderSeenCalm)}`,
    ],
    [
      'freeze paid → session knows (prepay, booking)',
      `${spread(r.freezeSeen)}; outside the restart ${spread(r.freezeSeenCalm)}`,
    ],
    ['function host restart', `at journey ${r.restartAtJourney}, ${ms(r.restartMs)}`],
    [
      'faults injected',
      Object.entries(r.faultsInjected)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none',
    ],
    [
      'refusals met and tapped again',
      Object.entries(r.refusals)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none',
    ],
    ['requests sent again', `${r.transport.resent} (function host 5xx ${r.transport.hostErrors})`],
    ['run time', `${r.seconds.toFixed(0)} s`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = [
    `chaos run: ${r.options.journeys} journeys, ${r.options.concurrency} at a time, seed ${r.options.seed}`,
    ...Object.entries(r.byKind).map(([k, v]) => `  ${k.padEnd(18)} ${v.completed}/${v.journeys}`),
    '',
    ...rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`),
  ];
  const bad = badCounts(r);
  if (r.problems.length) lines.push('', 'problems (first 30):', ...r.problems.map((p) => `  ${p}`));
  lines.push(
    '',
    bad.length === 0 && r.completed === r.journeys
      ? 'PASS: every bad count is 0'
      : `FAIL: ${[...bad.map(([k, n]) => `${k} ${n}`), ...(r.completed < r.journeys ? [`incomplete ${r.journeys - r.completed}`] : [])].join(', ')}`,
  );
  return lines.join('\n');
}
