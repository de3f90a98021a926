import { Paged } from '../pagedjs.js';

/**
 * Paged.js 0.4.3 sets each page's running-head strings as unterminated CSS strings (`"value`; fixed upstream in
 * pagedjs/pagedjs#227, not released in 0.4.x). Chromium's CSSOM takes them, but the page's HTML read again (the
 * --watch preview) runs each into the next declaration, and the right-hand running heads vanish: they are
 * closed as soon as Paged.js has set them (handlers run in the order registered, Paged.js's own first).
 */
export class RunningHeadStrings extends Paged.Handler {
  afterPageLayout(pageElement: HTMLElement) {
    for (const name of Array.from(pageElement.style).filter((property) => property.startsWith('--pagedjs-string-'))) {
      const value = pageElement.style.getPropertyValue(name);
      const closed = value.length > 1 && value.endsWith('"') && !value.endsWith('\\"');
      if (value.startsWith('"') && !closed) pageElement.style.setProperty(name, `${value}"`);
    }
  }
}
