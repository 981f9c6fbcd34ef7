/**
 * j-component renders no aria-* attribute of a template (only id, class, style and data-*). The
 * file map renames `aria-x` to `data-pv-aria-x` (preview/file-map.ts); this copies them back onto
 * the DOM as `aria-x` (`aria-role` as `role`, WeChat's spelling of it), so that the preview is
 * accessible and tests can find elements by role and label.
 */
const PREFIX = 'data-pv-aria-';

function sync(element: Element): void {
  for (const attr of Array.from(element.attributes)) {
    if (!attr.name.startsWith(PREFIX)) continue;
    const name = attr.name.slice(PREFIX.length);
    const target = name === 'role' ? 'role' : `aria-${name}`;
    if (element.getAttribute(target) !== attr.value) element.setAttribute(target, attr.value);
  }
}

function syncTree(node: Node): void {
  if (!(node instanceof Element)) return;
  sync(node);
  node.querySelectorAll('*').forEach(sync);
}

export function mirrorAria(root: HTMLElement): void {
  new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'attributes' && m.attributeName?.startsWith(PREFIX)) sync(m.target as Element);
      m.addedNodes.forEach(syncTree);
    }
  }).observe(root, { subtree: true, childList: true, attributes: true });
  syncTree(root);
}
