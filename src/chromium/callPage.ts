/**
 * Node's one way into the page's code (src/page/, typed by its contract src/page/api.ts): the scripts `npm run build`
 * bundles, one per moment the page is entered, and a typed call of what a moment offers.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'puppeteer-core';
import type { PageApi, PageMoment } from '../page/api.js';

/** A moment's script as esbuild bundled it into lib/page/ (the same path from src/ under tsx and from lib/). */
export function pageScriptFile(moment: PageMoment | 'preview'): URL {
  return new URL(`../../lib/page/${moment}.js`, import.meta.url);
}

/**
 * Evaluates a moment's script in the page unless it was already (the paginate script is the document's own, loaded
 * with it; the check and the proof are entered after pagination).
 */
export async function enterPage(page: Page, moment: Exclude<PageMoment, 'paginate'>): Promise<void> {
  if (await page.evaluate(`Boolean(window.paiban && window.paiban.${moment})`)) return;
  await page.evaluate(await readFile(pageScriptFile(moment), 'utf8'));
}

type PageCall<Moment extends PageMoment, Name extends keyof PageApi[Moment]> = PageApi[Moment][Name] extends (...args: infer Args) => infer Result
  ? { args: Args; result: Awaited<Result> }
  : never;

/**
 * Calls what a moment of the page offers, with JSON arguments, and resolves to its result. A string is evaluated, not
 * a function: a function serialized from TypeScript can carry a transpiler's helpers (esbuild's __name) that do not
 * exist in the page.
 */
export async function callPage<Moment extends PageMoment, Name extends keyof PageApi[Moment] & string>(
  page: Page,
  moment: Moment,
  name: Name,
  ...args: PageCall<Moment, Name>['args']
): Promise<PageCall<Moment, Name>['result']> {
  const given = [...args];
  while (given.length > 0 && given.at(-1) === undefined) given.pop();
  const call = `window.paiban.${moment}.${name}(${given.map((arg) => JSON.stringify(arg)).join(', ')})`;
  return (await page.evaluate(call)) as PageCall<Moment, Name>['result'];
}
