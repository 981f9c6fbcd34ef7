import type { LaneLotChoice } from '../config';

/**
 * The lane (车道) panel beside the phone: pick a lot and gate, a plate or 无牌车, press 驶入/驶出.
 * The preview server signs and posts the controller's report (preview/lane.ts); this side only
 * shows whether the barrier opened, the lane's message and the calls made.
 */

interface LaneReply {
  ok: boolean;
  data?: { opened: boolean; message: string; steps: unknown[] };
  error?: { code: string; message: string };
}

const KIND_TEXT = { entry: '入口', exit: '出口', paystation: '缴费机' } as const;

export function mountLanePanel(lots: LaneLotChoice[]): void {
  const get = <T extends HTMLElement>(id: string) => document.getElementById(id) as T | null;
  const panel = get<HTMLElement>('pv-lane');
  const lotSelect = get<HTMLSelectElement>('pv-lane-lot');
  const gateSelect = get<HTMLSelectElement>('pv-lane-gate');
  const plate = get<HTMLInputElement>('pv-lane-plate');
  const noPlate = get<HTMLInputElement>('pv-lane-noplate');
  const enter = get<HTMLButtonElement>('pv-lane-in');
  const leave = get<HTMLButtonElement>('pv-lane-out');
  const result = get<HTMLElement>('pv-lane-result');
  // Optional: the camera mode (preview/camera-lane.ts); the panel works without them.
  const via = get<HTMLSelectElement>('pv-lane-via');
  const beat = get<HTMLButtonElement>('pv-lane-beat');
  const log = get<HTMLElement>('pv-lane-log');
  if (
    !panel ||
    !lotSelect ||
    !gateSelect ||
    !plate ||
    !noPlate ||
    !enter ||
    !leave ||
    !result ||
    !log
  )
    return;
  if (lots.length === 0) return;
  panel.hidden = false;

  for (const lot of lots) lotSelect.add(new Option(lot.name, lot.id));
  const fillGates = () => {
    const lot = lots.find((l) => l.id === lotSelect.value) ?? lots[0]!;
    gateSelect.replaceChildren();
    for (const gate of lot.gates.filter((g) => g.kind !== 'paystation')) {
      gateSelect.add(new Option(`${gate.name}（${KIND_TEXT[gate.kind]}）`, gate.id));
    }
  };
  lotSelect.addEventListener('change', fillGates);
  fillGates();
  noPlate.addEventListener('change', () => {
    plate.disabled = noPlate.checked;
  });

  const viaCamera = () => via?.value === 'camera';
  via?.addEventListener('change', () => {
    if (beat) beat.hidden = !viaCamera();
  });
  // In camera mode a car held at the lane waits for the camera's heartbeat (comet poll): the
  // panel sends one every few seconds, so the barrier goes up here once the driver has paid (or,
  // for a car without a plate, once the driver's scan of the gate's code let it through).
  let polling: ReturnType<typeof setInterval> | undefined;
  const stopPolling = () => {
    if (polling !== undefined) clearInterval(polling);
    polling = undefined;
  };

  const play = async (action: 'entry' | 'exit' | 'heartbeat', quiet = false) => {
    if (!quiet) {
      stopPolling();
      enter.disabled = true;
      leave.disabled = true;
      result.removeAttribute('data-opened');
      result.textContent = '…';
    }
    try {
      const res = await fetch('/preview/lane', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...(viaCamera() && { via: 'camera' }),
          lotId: lotSelect.value,
          gateId: gateSelect.value,
          action,
          ...(noPlate.checked || action === 'heartbeat' ? {} : { plate: plate.value }),
        }),
      });
      const reply = (await res.json()) as LaneReply;
      if (quiet && !(reply.ok && reply.data?.opened)) return;
      if (reply.ok && reply.data) {
        result.dataset.opened = String(reply.data.opened);
        result.textContent = `${reply.data.opened ? '抬杆' : '未抬杆'} · ${reply.data.message}`;
        log.textContent = JSON.stringify(reply.data.steps, null, 1);
        if (reply.data.opened) stopPolling();
        else if (viaCamera() && action !== 'heartbeat') {
          const until = Date.now() + 10 * 60_000;
          polling = setInterval(() => {
            if (Date.now() > until) stopPolling();
            else void play('heartbeat', true);
          }, 3000);
        }
      } else {
        result.dataset.opened = 'false';
        result.textContent = reply.error?.message ?? `出错（HTTP ${res.status}）`;
        log.textContent = '';
      }
    } catch (error) {
      if (quiet) return;
      result.dataset.opened = 'false';
      result.textContent = `车道请求失败：${error instanceof Error ? error.message : String(error)}`;
    } finally {
      enter.disabled = false;
      leave.disabled = false;
    }
  };
  beat?.addEventListener('click', () => void play('heartbeat'));
  enter.addEventListener('click', () => void play('entry'));
  leave.addEventListener('click', () => void play('exit'));
}
