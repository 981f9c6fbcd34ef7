import * as simulate from 'miniprogram-simulate';
import type { Component } from 'j-component';
import type { ComponentEvent } from './j-component-augment';

// Finding nodes and tapping them. j-component dispatches events in a microtask: every helper that
// fires one waits for it to be handled.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyComponent = Component<any, any, any>;

/** Lets pending event handlers and setData callbacks run. */
export function flush(): Promise<void> {
  return simulate.sleep(0);
}

interface ExparserNode {
  $$?: { textContent: string | null } | null;
  shadowRoot?: ExparserNode;
  childNodes?: ExparserNode[];
  textContent?: string;
}

// A virtual host (TDesign's components) has no DOM node of its own: its text is that of what it
// renders, whose DOM nodes hold its slots' content too.
function renderedText(node: ExparserNode): string {
  if (node.$$) return node.$$.textContent ?? '';
  const inside = node.shadowRoot?.childNodes ?? node.childNodes;
  if (!inside) return node.textContent ?? '';
  return inside.map(renderedText).join('');
}

/** The text a person sees in the node, a virtual host's included. */
export function textOf(node: AnyComponent): string {
  const inner = (node as unknown as { _exparserNode: ExparserNode })._exparserNode;
  return (node.dom ? (node.dom.textContent ?? '') : renderedText(inner)).trim();
}

/** The node's classes as written in wxml (without simulate's per-component prefix). */
export function classesOf(node: AnyComponent): string[] {
  const attribute = node.toJSON().attrs.find((attr) => attr.name === 'class');
  return String(attribute?.value ?? '')
    .split(/\s+/)
    .filter((name) => name !== '');
}

export function hasClass(node: AnyComponent, className: string): boolean {
  return classesOf(node).indexOf(className) >= 0;
}

export function all(root: AnyComponent, selector: string): AnyComponent[] {
  return root.querySelectorAll(selector);
}

/** The one node matching `selector`; throws when there is none or several. */
export function one(root: AnyComponent, selector: string, text?: string): AnyComponent {
  const found = all(root, selector).filter((node) => text === undefined || textOf(node) === text);
  const what = text === undefined ? selector : `${selector} with text "${text}"`;
  if (found.length !== 1) throw new Error(`expected one ${what}, found ${found.length}`);
  return found[0] as AnyComponent;
}

/** Taps the node; a TDesign widget (a virtual host, no DOM node of its own) where a finger lands. */
export async function tap(node: AnyComponent): Promise<void> {
  (node.dom ? node : touched(node)).dispatchEvent('tap');
  await flush();
}

/** Taps the one node matching `selector` whose text is `text`, e.g. a key labelled 粤. */
export function tapText(root: AnyComponent, selector: string, text: string): Promise<void> {
  return tap(one(root, selector, text));
}

/** Records the details of every `eventName` the component triggers. */
export function listen<Detail = unknown>(component: AnyComponent, eventName: string): Detail[] {
  const details: Detail[] = [];
  component.addEventListener<Detail>(eventName, (event: ComponentEvent<Detail>) => {
    details.push(event.detail);
  });
  return details;
}

// A TDesign widget's tap lives on the element inside it (t-button's native button, t-cell's row),
// which is also what a finger lands on.
const TDESIGN_TOUCHED = ['.t-button', '.t-cell', '.t-tag'];

/** What a person touches to press `node`: the inside of a TDesign widget, else the node itself. */
export function touched(node: AnyComponent): AnyComponent {
  for (const selector of TDESIGN_TOUCHED) {
    const inner = all(node, selector)[0];
    if (inner) return inner;
  }
  return node;
}

/** Presses the one node matching `selector` (and `text`, when given), a TDesign widget or not. */
export function press(root: AnyComponent, selector: string, text?: string): Promise<void> {
  return tap(touched(one(root, selector, text)));
}
