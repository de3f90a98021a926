/**
 * The trials of 缩行 (columns/mendColumns.ts) and of floated figures (floatColumnFigures.ts) paginated in a document
 * of their own: a same-origin frame holding the document's head as it loaded (its stylesheets, faces and scripts, this
 * one among them) and nothing else.
 *
 * Why: Paged.js adds a rule to its sheet for about every page it lays out, and Chromium answers every rule added to a
 * document by looking at every element of it again: ~6 ms a rule beside a yearly volume's 216 pages, ~1 ms beside
 * 2024-4's 56. A trial in the issue's own document cost 130 ms a trial in the volume against 78 ms in 2024-4, and
 * grew with the document; in the frame it lays out beside its own pages only. A kept trial's pages and article come
 * back as copies made by this document (importNode: a node adopted from the frame would keep the frame's prototypes,
 * and `instanceof` would fail on it), with the rules Paged.js made for them.
 */
import type { Trial, TrialGoal } from './trialGoals.js';

/** A trial as the frame's copy of the script runs it (pagedRuntime.ts's paginateTrial). */
type PaginateTrial = (article: HTMLElement, onRight: boolean, goal: TrialGoal) => Promise<Trial & { rules: string[] }>;

declare global {
  interface Window {
    /** Installed in a trial frame only (installTrials). */
    paibanTrial?: PaginateTrial;
  }
}

/** The trials of one mending or more, in this document's terms; `close` removes their frame. */
export interface Trials {
  paginate: PaginateTrial;
  close: () => void;
}

/**
 * The frame's document: this one's root element and head as they loaded, before Paged.js's first run took the
 * stylesheets out, and an empty body. Read while this script runs, the last of the head's
 * (src/render/renderIssueHtml.ts), less the style that keeps the body undisplayed.
 */
const frameDocument = (() => {
  const root = document.documentElement.cloneNode(false) as HTMLElement;
  const head = document.head.cloneNode(true) as HTMLElement;
  head.querySelector('style[data-paiban-undisplayed]')?.remove();
  root.append(head, document.createElement('body'));
  return `<!doctype html>${root.outerHTML}`;
})();

/** Offers the trial to the document that opened this one as its trial frame. */
export function installTrials(paginateTrial: PaginateTrial) {
  if (window.frameElement?.hasAttribute('data-paiban-trials')) window.paibanTrial = paginateTrial;
}

/**
 * Trials in a frame opened at the first trial, or now when asked: its scripts and faces take ~0.3 s to arrive through
 * the document's request interception (which keeps them out of the browser's cache), so the whole pagination opens
 * it before its Paged.js run, to load beside it. `close` takes the frame out of the document at once (a document
 * served or printed after the pagination must not hold it).
 */
export function openTrials({ now = false } = {}): Trials {
  let frame: { element: HTMLIFrameElement; loaded: Promise<void> } | undefined;
  const open = () => {
    frame ??= createTrialFrame();
    return frame;
  };
  if (now) open();
  return {
    paginate: async (article, onRight, goal) => {
      const { element, loaded } = open();
      await loaded;
      const paginateTrial = element.contentWindow?.paibanTrial;
      const inFrame = element.contentDocument;
      if (!paginateTrial || !inFrame) throw new Error('the trial frame has no page script');
      const trial = await paginateTrial(inFrame.importNode(article, true), onRight, goal);
      if (!trial.kept) return { ...trial, pages: [], laidOut: article };
      const pages = trial.pages.map((page) => document.importNode(page, true));
      // A copy's pictures load again, as new images of this document: the pages are measured (the next hole, the
      // mending) only once they have, as Paged.js lays out a page only once its pictures have.
      await Promise.all(pages.flatMap((page) => Array.from(page.querySelectorAll('img'), (image) => image.decode().catch(() => undefined))));
      return { ...trial, pages, laidOut: document.importNode(trial.laidOut, true) };
    },
    close: () => frame?.element.remove(),
  };
}

/** A frame off screen with the document's head and an empty body, the size of this window, loading. */
function createTrialFrame() {
  const element = document.createElement('iframe');
  element.dataset.paibanTrials = '';
  // Laid out (a frame undisplayed has no layout) but never seen; the size of the window, as Paged.js's pages here.
  element.style.cssText = `position: absolute; left: -100000px; top: 0; width: ${innerWidth}px; height: ${innerHeight}px; border: 0; visibility: hidden;`;
  element.srcdoc = frameDocument;
  const loaded = new Promise<void>((resolve, reject) => {
    element.addEventListener('load', () => resolve(), { once: true });
    element.addEventListener('error', () => reject(new Error('the trial frame did not load')), { once: true });
  });
  // A frame closed before it loaded is never awaited.
  loaded.catch(() => undefined);
  document.documentElement.append(element);
  return { element, loaded };
}
