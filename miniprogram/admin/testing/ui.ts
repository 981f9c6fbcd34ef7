// Page-level helpers for the operator page tests.
import { type AnyComponent, all, flush, one, press, textOf } from '../../test-support';

/** Lets the fake transport answer and the page render (a few rounds of calls in a row). */
export async function settle(rounds = 4): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await flush();
}

export function texts(root: AnyComponent, selector: string): string[] {
  return all(root, selector).map(textOf);
}

export function pageText(root: AnyComponent): string {
  return (root.dom?.textContent ?? '').replace(/\s+/g, ' ');
}

// TDesign's t-textarea / t-input hold the native field a person types into.
const NATIVE_FIELDS = ['.t-textarea__wrapper-inner', '.t-input__control'];

/** Types into an input or textarea (a TDesign one included) as a person does (the `input` event). */
export async function typeInto(node: AnyComponent, value: string): Promise<void> {
  const field = NATIVE_FIELDS.map((selector) => all(node, selector)[0]).find(Boolean) ?? node;
  field.dispatchEvent('input', { detail: { value } });
  await flush();
}

/** Writes a reason into the page's reason dialog and confirms it. */
export async function giveReason(page: AnyComponent, reason: string): Promise<void> {
  const dialog = one(page, '.reason-dialog');
  await typeInto(one(dialog, '.admin-reason-dialog__input'), reason);
  await press(dialog, '.admin-reason-dialog__confirm');
  await settle();
}

/** An attribute as the wxml set it (e.g. an image's src). */
export function attrOf(node: AnyComponent, name: string): unknown {
  return node.toJSON().attrs.find((attr) => attr.name === name)?.value;
}
