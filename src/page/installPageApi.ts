import type { PageApi, PageMoment } from './api.js';

/** Offers a moment's part of the page contract to Node (src/chromium/callPage.ts calls it). */
export function installPageApi<Moment extends PageMoment>(moment: Moment, api: PageApi[Moment]): void {
  window.paiban = { ...window.paiban, [moment]: api };
}
