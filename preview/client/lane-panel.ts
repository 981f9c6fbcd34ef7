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

  const play = async (action: 'entry' | 'exit') => {
    enter.disabled = true;
    leave.disabled = true;
    result.removeAttribute('data-opened');
    result.textContent = '…';
    try {
      const res = await fetch('/preview/lane', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          lotId: lotSelect.value,
          gateId: gateSelect.value,
          action,
          ...(noPlate.checked ? {} : { plate: plate.value }),
        }),
      });
      const reply = (await res.json()) as LaneReply;
      if (reply.ok && reply.data) {
        result.dataset.opened = String(reply.data.opened);
        result.textContent = `${reply.data.opened ? '抬杆' : '未抬杆'} · ${reply.data.message}`;
        log.textContent = JSON.stringify(reply.data.steps, null, 1);
      } else {
        result.dataset.opened = 'false';
        result.textContent = reply.error?.message ?? `出错（HTTP ${res.status}）`;
        log.textContent = '';
      }
    } catch (error) {
      result.dataset.opened = 'false';
      result.textContent = `车道请求失败：${error instanceof Error ? error.message : String(error)}`;
    } finally {
      enter.disabled = false;
      leave.disabled = false;
    }
  };
  enter.addEventListener('click', () => void play('entry'));
  leave.addEventListener('click', () => void play('exit'));
}
