/** Tells Node (its exposed __paibanPageDone) each page Paged.js has laid out. */
import { Paged } from '../pagedjs.js';

const notify = (pageNumber: number) => window.__paibanPageDone?.(pageNumber);

export class ProgressHandler extends Paged.Handler {
  afterPageLayout(_fragment: Element, page: { position: number }) {
    notify(page.position + 1);
  }
}
