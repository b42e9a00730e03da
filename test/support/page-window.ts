/**
 * Types for code that runs inside a browser page (callbacks given to page.evaluate). The
 * project compiles without the DOM library, so such callbacks reach the page's globals through
 * `globalThis as unknown as PageWindow`. Types only: callbacks are sent to the page as source
 * text and cannot use anything else from this module.
 */
export interface PageElement {
  readonly open?: boolean;
  value: string;
  readonly classList: { contains(name: string): boolean };
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { readonly top: number; readonly bottom: number; readonly height: number };
  dispatchEvent(event: unknown): boolean;
  addEventListener(type: string, listener: () => void): void;
}

export interface PageWindow {
  readonly document: {
    getElementById(id: string): PageElement | null;
    querySelectorAll(selector: string): { readonly length: number };
    readonly body: { readonly offsetHeight: number; readonly scrollHeight: number };
  };
  readonly location: { hash: string };
  readonly innerHeight: number;
  scrollTo(x: number, y: number): void;
  requestAnimationFrame(callback: () => void): number;
  readonly Event: new (type: string) => unknown;
  /** Set by the site's script: how long the last search-box filter took. */
  glLastFilterMs: number;
  /** Set by the benchmark: the filter time of each keystroke. */
  glKeyTimes: number[];
}
