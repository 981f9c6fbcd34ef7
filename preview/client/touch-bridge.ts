/**
 * Mini-program taps come from touch events (j-component listens to touchstart/touchend). People
 * at a desktop browser use a mouse, so mouse presses inside `root` are replayed as touches.
 * Mouse events that a real touch already produced (compatibility events) are ignored.
 */
export function bridgeMouseToTouch(root: HTMLElement): void {
  let lastTouch = 0;
  let pressed: { target: EventTarget } | undefined;

  const touchOf = (e: MouseEvent, target: EventTarget) =>
    new Touch({
      identifier: 1,
      target,
      clientX: e.clientX,
      clientY: e.clientY,
      pageX: e.pageX,
      pageY: e.pageY,
      screenX: e.screenX,
      screenY: e.screenY,
    });

  const fire = (type: string, target: EventTarget, touch: Touch, ended: boolean) => {
    target.dispatchEvent(
      new TouchEvent(type, {
        bubbles: true,
        cancelable: true,
        composed: true,
        touches: ended ? [] : [touch],
        targetTouches: ended ? [] : [touch],
        changedTouches: [touch],
      }),
    );
  };

  root.addEventListener('touchstart', (e) => e.isTrusted && (lastTouch = Date.now()), true);
  root.addEventListener('touchend', (e) => e.isTrusted && (lastTouch = Date.now()), true);

  const fromRealTouch = () => Date.now() - lastTouch < 1000;

  root.addEventListener('mousedown', (e) => {
    if (e.button !== 0 || fromRealTouch() || !e.target) return;
    pressed = { target: e.target };
    fire('touchstart', e.target, touchOf(e, e.target), false);
  });
  window.addEventListener('mousemove', (e) => {
    if (pressed) fire('touchmove', pressed.target, touchOf(e, pressed.target), false);
  });
  window.addEventListener('mouseup', (e) => {
    if (!pressed) return;
    const { target } = pressed;
    pressed = undefined;
    fire('touchend', target, touchOf(e, target), true);
  });
}
