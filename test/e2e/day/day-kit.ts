// What the day scenarios each did for themselves: screenshots under artifacts/e2e/day, the
// plate typed on the mini-program's keyboard, a scan of a place's code, the preview's lane
// panel, and the sandbox's books of the demo merchant.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_MERCHANT } from '../../../sandbox';
import type { Txn } from '../../../sandbox/ledger';
import { ARTIFACTS_DIR, expectText, expectTextContaining } from '../browser';
import { classed, onTop, type FlowWorld } from '../flows/flow-stack';

const DAY_DIR = path.join(ARTIFACTS_DIR, 'day');

/** ¥12.34 → 1234 (integer fen, never through a float). */
export const fen = (shown: string) => Number(shown.replace(/^¥/, '').replace('.', ''));

/**
 * A camera for one scenario: saves the phone (or the whole stage, lane panel included) as
 * artifacts/e2e/day/<scenario>-<step>.png.
 */
export function dayShots(
  scenario: string,
  what: '.pv-phone' | '.pv-stage' = '.pv-phone',
): (page: Page, step: string) => Promise<void> {
  return async (page, step) => {
    fs.mkdirSync(DAY_DIR, { recursive: true });
    await page.locator(what).screenshot({ path: path.join(DAY_DIR, `${scenario}-${step}.png`) });
  };
}

/** Switches the preview to another of its people (reloads the page as them). */
export async function becomes(page: Page, key: 'driver' | 'operator' | 'merchant'): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.locator('#pv-identity').selectOption(key)]);
}

/** Fills the first input of the topmost page's element of class `cls`. */
export async function fill(page: Page, cls: string, value: string): Promise<void> {
  await onTop(page, cls).locator('input').first().fill(value);
}

/** Types `plate` on the plate page's keyboard, once the keyboard stays put. */
export async function typePlate(page: Page, plate: string): Promise<void> {
  // Taps land where the keys are once the page is laid out: the place card and the remembered
  // plates load after it opens, moving the keyboard down. Wait until it stays put.
  await onTop(page, 'plate__lot').waitFor();
  const key = onTop(page, 'plate__keyboard').locator('[data-key="粤"]').first();
  let last = '';
  for (let i = 0; i < 40; i++) {
    const box = JSON.stringify(await key.boundingBox());
    if (box === last) break;
    last = box;
    await page.waitForTimeout(250);
  }
  for (const k of [...plate]) await page.locator(`[data-key="${k}"]`).tap();
  await page.locator(`[aria-label="车牌号 ${plate}"]`).waitFor();
}

/** From the home page: a roadside spot's code, 预订, the plate typed: the entry page, untapped. */
export async function openBooking(page: Page, spot: string, plate: string): Promise<void> {
  await onTop(page, 'home__scan').first().tap();
  await page.locator('.pv-sheet__item', { hasText: spot }).tap();
  await expectText(page.locator('#pv-title'), '路边停车');
  const row = onTop(page, 'roadside__spot').filter({ hasText: spot });
  await classed(row, 'roadside__book').first().tap();
  await typePlate(page, plate);
  await onTop(page, 'plate__next').first().tap();
  await onTop(page, 'entry__action').first().waitFor();
}

/** On the entry page: 预付 <freeze> 并预订, paid at the sandbox cashier. */
export async function prepayBooking(page: Page, freeze = '¥30.00'): Promise<void> {
  await expectTextContaining(onTop(page, 'entry__action'), `预付 ${freeze} 并预订`);
  await onTop(page, 'entry__action').first().tap();
  const cashier = page.frameLocator('.pv-cashier__frame');
  await cashier.locator('button.pay').waitFor();
  await cashier.locator('button.pay').tap();
  await expectTextContaining(onTop(page, 'entry__done-title'), '预订成功');
}

/** Scans the code named `label` from the home page (`fromHome`: wait for the home page first). */
export async function scan(page: Page, label: string, { fromHome = false } = {}): Promise<void> {
  if (fromHome) await expectText(page.locator('#pv-title'), '通联停车');
  await onTop(page, 'home__scan').first().tap();
  await page.locator('.pv-sheet__item', { hasText: label }).tap();
}

/** Plays a car at a gate of the office lot on the preview's lane panel: the panel's answer. */
export async function lane(
  page: Page,
  gateId: string,
  plate: string,
  action: '驶入' | '驶出' = '驶入',
): Promise<string> {
  await page.locator('#pv-lane-lot').selectOption('lot-office');
  await page.locator('#pv-lane-gate').selectOption(gateId);
  await page.locator('#pv-lane-plate').fill(plate);
  const result = page.locator('#pv-lane-result');
  const before = await result.textContent();
  await page.locator(action === '驶入' ? '#pv-lane-in' : '#pv-lane-out').click();
  // A fresh answer (the same text twice would not be seen change: the panel shows … meanwhile).
  await page.waitForFunction(
    (prev) => {
      const text = document.getElementById('pv-lane-result')?.textContent ?? '';
      return text !== '…' && text !== '' && text !== prev;
    },
    before === '…' ? '' : before,
  );
  return (await result.textContent())!.trim();
}

/** The panel's barrier and LED line once it changed from `before` (a push or a heartbeat). */
export async function barrierAfter(page: Page, before: string | null, timeout = 20_000) {
  await page.waitForFunction(
    (prev) => {
      const text = document.getElementById('pv-lane-result')?.textContent ?? '';
      return text !== '…' && text !== '' && text !== prev;
    },
    before ?? '',
    { timeout },
  );
  const result = page.locator('#pv-lane-result');
  return {
    text: (await result.textContent())!.trim(),
    opened: await result.getAttribute('data-opened'),
  };
}

/** A camera read at a gate of the office lot (camera mode of the lane panel): `plate`, or none (无牌车). */
export async function cameraRead(
  page: Page,
  gateId: string,
  plate: string | null,
  action: '驶入' | '驶出',
) {
  await page.locator('#pv-lane-lot').selectOption('lot-office');
  await page.locator('#pv-lane-via').selectOption('camera');
  await page.locator('#pv-lane-gate').selectOption(gateId);
  await page.locator('#pv-lane-noplate').setChecked(plate === null);
  if (plate !== null) await page.locator('#pv-lane-plate').fill(plate);
  const before = await page.locator('#pv-lane-result').textContent();
  await page.locator(action === '驶入' ? '#pv-lane-in' : '#pv-lane-out').click();
  return barrierAfter(page, before === '…' ? '' : before);
}

/** The demo merchant's orders in the sandbox's books. */
export async function ledger<T = Txn>(world: FlowWorld): Promise<T[]> {
  const res = await fetch(
    `${world.stack.urls.sandbox}/_sandbox/transactions?cusid=${DEMO_MERCHANT.cusid}`,
  );
  return ((await res.json()) as { transactions: T[] }).transactions;
}

/** The demo merchant's orders for one plate (`lpr`, as the protocol carries it). */
export async function ledgerOf(world: FlowWorld, lpr: string): Promise<Txn[]> {
  return (await ledger(world)).filter((t) => t.request.LPR === lpr);
}
