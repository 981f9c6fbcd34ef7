// j-component's typings lack the event listener methods its Component has at runtime
// (see ../../../shared/toolchain-notes.md); tests use them to observe `triggerEvent`.
import 'j-component';

/** What a listener receives for a component's `triggerEvent(name, detail)`. */
export interface ComponentEvent<Detail = unknown> {
  readonly type: string;
  readonly detail: Detail;
}

declare module 'j-component' {
  // Same type parameters as the class, as declaration merging requires.
  /* eslint-disable @typescript-eslint/no-unused-vars */
  interface Component<
    TData extends WechatMiniprogram.Component.DataOption,
    TProperty extends WechatMiniprogram.Component.PropertyOption,
    TMethod extends Partial<WechatMiniprogram.Component.MethodOption>,
  > {
    /* eslint-enable @typescript-eslint/no-unused-vars */
    addEventListener<Detail = unknown>(
      eventName: string,
      handler: (event: ComponentEvent<Detail>) => void,
      capture?: boolean | { capture?: boolean },
    ): void;
    removeEventListener<Detail = unknown>(
      eventName: string,
      handler: (event: ComponentEvent<Detail>) => void,
      capture?: boolean | { capture?: boolean },
    ): void;
    triggerPageLifeTime(lifeTime: 'show' | 'hide' | 'resize', ...args: unknown[]): void;
  }
}
