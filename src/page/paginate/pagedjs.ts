/**
 * Paged.js 0.4.3 as its browser build (pagedjs's dist/paged.js, loaded by the document before paiban's script)
 * offers it on `window.Paged`. It has no types of its own: these are the parts paiban uses.
 */

/** Paged.js's handler base class: a subclass's hook methods (filter, renderNode, layoutNode, afterPageLayout, onOverflow) are called by name. */
type HandlerClass = new (chunker: unknown, polisher: unknown, caller: unknown) => object;

export interface Previewer {
  chunker: { q: { tick: (callback: () => void) => void } };
  polisher: { styleEl: HTMLStyleElement; styleSheet: CSSStyleSheet; insert: (...args: unknown[]) => HTMLStyleElement };
  wrapContent(): DocumentFragment;
  removeStyles(): Array<string | Record<string, string>>;
  preview(content: DocumentFragment, stylesheets: unknown[], renderTo: Element | undefined): Promise<unknown>;
}

interface PagedGlobal {
  Handler: HandlerClass;
  registerHandlers(...handlers: HandlerClass[]): void;
  Previewer: new (options: { hyphenGlyph: string }) => Previewer;
}

export const Paged = (window as unknown as { Paged: PagedGlobal }).Paged;
