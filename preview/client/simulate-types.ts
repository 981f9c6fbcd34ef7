/** The parts of miniprogram-simulate's browser build (`window.simulate`) the preview uses. */

export interface RenderedComponent {
  dom: HTMLElement;
  instance: Record<string, unknown> & {
    data: Record<string, unknown>;
    setData(data: Record<string, unknown>): void;
    triggerEvent(name: string, detail?: unknown, options?: unknown): void;
  };
  attach(parent: HTMLElement): void;
  detach(): void;
}

export interface Simulate {
  load(path: string, tagName: string, options: { compiler: string; rootPath: string }): string;
  /** Registers a component from its definition object (id, tagName, template, ...). */
  load(definition: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): RenderedComponent;
}

export interface PreviewSources {
  app: {
    pages: string[];
    window?: Record<string, unknown>;
  };
  pages: string[];
  components: string[];
  errors: Record<string, string>;
}
