// Event types of the operator pages' handlers.
type AnyObject = WechatMiniprogram.IAnyObject;

/** A tap on a node whose data-* attributes are `D`. */
export type Tap<D extends AnyObject> = WechatMiniprogram.TouchEvent<AnyObject, AnyObject, D>;

/** An input on a node whose data-* attributes are `D`. */
export type Input<D extends AnyObject = AnyObject> = WechatMiniprogram.CustomEvent<
  { value: string },
  AnyObject,
  D
>;

/** A component's custom event. */
export type Detail<T extends AnyObject> = WechatMiniprogram.CustomEvent<T>;
