/** One Paged.js run, and the document kept undisplayed and its fonts loading until the first. */
import { Paged } from './pagedjs.js';

/**
 * The body stays undisplayed until Paged.js has moved it into its pages: Chromium would otherwise lay out and
 * paint the whole unpaginated issue while it loads, and again as each font arrives (~0.35 s of a 0.6 s page
 * load for issue 2024-4), all thrown away. This script runs in the head, before the body is parsed; Paged.js
 * leaves the style alone (data-pagedjs-ignore), and the fonts are loaded explicitly instead (paginate).
 */
export const undisplayedBody = document.createElement('style');

// Every declared face, used or not yet, loading from now on, while the body loads: nothing is laid out before
// Paged.js lays out its pages, and a face still loading then would be measured in a fallback font. (Scripts
// wait for the stylesheets before them, so fonts.css's faces are declared by now.)
export const fontsLoaded = Promise.all(Array.from(document.fonts, (face) => face.load()));

/**
 * The stylesheets Paged.js took out of the document on its first run (it processes them into its own); every
 * later run processes them again.
 */
let stylesheets: unknown[] | undefined;

/**
 * Runs Paged.js over `content` (the document's body when undefined) into `renderTo`; returns the Previewer and the
 * content it paginated (its elements carry Paged.js's data-ref).
 */
export async function runPagedJs(content: DocumentFragment | undefined, renderTo: Element | undefined) {
  // Paged.js adds a hyphen where it breaks a page inside a word (Layout's hyphenateAtBreak), U+2011 by default: the
  // CJK faces lack it and Chromium would draw it in an undeclared system font; the hyphen-minus every face has.
  const previewer = new Paged.Previewer({ hyphenGlyph: '-' });
  // Paged.js lays out each page in a task queue that waits for an animation frame between pages (Queue.tick =
  // requestAnimationFrame), so a page costs at least one 16.7 ms frame even when its layout takes 5 ms; about
  // half of the pagination time of issue 2024-4 was spent idle. No frame is needed between pages: Paged.js
  // measures with forced synchronous layout. A message-channel task yields to the event loop without the frame
  // wait (and without setTimeout's 4 ms clamp for nested timers).
  const channel = new MessageChannel();
  const ticks: Array<() => void> = [];
  channel.port1.onmessage = () => ticks.shift()?.();
  previewer.chunker.q.tick = (callback) => {
    ticks.push(callback);
    channel.port2.postMessage(undefined);
  };
  // In Paged.js's own order: the body moves into a template first, so that only the head's stylesheets are
  // taken (a <link> in an article's raw HTML stays inert, and is reported as refused).
  const source = content ?? previewer.wrapContent();
  undisplayedBody.remove();
  // Read once: Paged.js fetches a linked sheet again on every run (through the request interception).
  stylesheets ??= await Promise.all(
    previewer.removeStyles().map(async (sheet) => (typeof sheet === 'string' ? { [sheet]: await (await fetch(sheet)).text() } : sheet)),
  );
  // Paged.js inserts the stylesheets it processed (and its base styles) on every run, and each insertion has the
  // style of every element of the document computed again: seconds for a yearly volume's hundreds of pages when
  // 缩行 paginates articles again. Where an earlier run's are in the document (they are the same text), a later
  // run parses the sheets for its handlers but inserts nothing.
  if (document.head.querySelector('style[data-pagedjs-inserted-styles]')) previewer.polisher.insert = () => document.createElement('style');
  await previewer.preview(source, stylesheets, renderTo);
  return { previewer, source };
}
