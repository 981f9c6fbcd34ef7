import type { Simulate } from './simulate-types';

/**
 * WeChat gives a virtual host's `class` (TDesign's components are virtual hosts from base library
 * 2.19.2) to the inner nodes that use the external class named `class`. j-component sets it on the
 * host only, which as a virtual node has no DOM element, so the class was lost. This makes the
 * host's `class` also set that external class, whatever the component.
 */

interface ExparserNode {
  __virtual?: boolean;
  hasExternalClass?(name: string): boolean;
  setExternalClass?(name: string, value: string): void;
}

/** The prototype that owns exparser's `class` accessor, from any rendered node. */
function classOwner(node: object): { proto: object; descriptor: PropertyDescriptor } | undefined {
  for (let p = Object.getPrototypeOf(node); p; p = Object.getPrototypeOf(p)) {
    const descriptor = Object.getOwnPropertyDescriptor(p, 'class');
    if (descriptor?.set) return { proto: p as object, descriptor };
  }
  return undefined;
}

/** Installs the forwarding; call once, before the first page renders. */
export function forwardVirtualHostClass(simulate: Simulate): void {
  // exparser is not exposed: its prototypes are reached through a node of an empty component.
  const id = simulate.load({
    id: 'pv-class-probe',
    tagName: 'pv-class-probe',
    template: '<block></block>',
  });
  const probe = simulate.render(id) as unknown as { _exparserNode?: object };
  const owner = probe._exparserNode && classOwner(probe._exparserNode);
  if (!owner) throw new Error('preview: exparser has no class accessor to extend');
  const { proto, descriptor } = owner;
  const set = descriptor.set!;
  Object.defineProperty(proto, 'class', {
    ...descriptor,
    set(this: ExparserNode, value: string) {
      set.call(this, value);
      if (this.__virtual && this.hasExternalClass?.('class')) {
        this.setExternalClass!('class', value);
      }
    },
  });
}
