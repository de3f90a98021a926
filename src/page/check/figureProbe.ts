/**
 * The in-page side of the figure check (src/page/entries/check.ts, with the typography check), after Paged.js.
 * `figureProbe()` returns every picture on the pages as laid out — page, article file and line, pixel size,
 * the box it is drawn in and its effective resolution at that size — and the figure findings: a picture wider than
 * its column or the type area, a caption not directly under its picture, a numbered figure far from where the text
 * first names it, a wide figure not at the top of its page's text (paginate/placeWideFigures.ts floats them there). Nothing
 * here changes the document.
 */
import type { PageFinding as Finding, PlacedPicture as Picture } from '../api.js';
import { columnIndexAt, columnsOf } from '../core/columns.js';

/** CSS pixels per inch: Chromium prints 96 px to the inch. */
const pxPerInch = 96;
const mmPerPx = 25.4 / pxPerInch;
/** Tolerance in px for "wider than": layout rounds to 1/64 px. */
const tolerance = 0.5;
/** A figure more than this many pages from the first mention of its number is far from it. */
const farPages = 1;

const articleOf = (element: Element) => element.closest('[data-file]')?.getAttribute('data-file') ?? null;
const lineOf = (element: Element) => Number(element.closest('[data-line]')?.getAttribute('data-line')) || null;
/** The file name the article wrote: the asset path less images/<article id>/. */
const sourceOf = (image: HTMLImageElement) => decodeURI((image.getAttribute('src') ?? '').replace(/^images\/[^/]+\//, ''));

/**
 * The rectangle the picture is drawn in: object-fit: contain scales it into its box keeping its proportions.
 */
function drawnRect(image: HTMLImageElement) {
  const box = image.getBoundingClientRect();
  const scale = Math.min(box.width / image.naturalWidth, box.height / image.naturalHeight);
  const width = image.naturalWidth * scale;
  const height = image.naturalHeight * scale;
  return { left: box.left + (box.width - width) / 2, top: box.top + (box.height - height) / 2, width, height, scale };
}

export function figureProbe(): { pictures: Picture[]; findings: Finding[] } {
  const pictures: Picture[] = [];
  const findings: Finding[] = [];
  const pages = Array.from(document.querySelectorAll('body > .pagedjs_pages > .pagedjs_page'));
  /** where each article's text first names 图N, by "file 图N" */
  const mentions: Map<string, number> = new Map();
  pages.forEach((pageElement, index) => {
    for (const paragraph of Array.from(pageElement.querySelectorAll('.article-body :is(p, li, td)'))) {
      for (const match of (paragraph.textContent ?? '').matchAll(/图\s*(\d+)(?!\d)/g)) {
        const key = `${articleOf(paragraph)} 图${match[1]}`;
        if (!mentions.has(key)) mentions.set(key, index + 1);
      }
    }
  });
  pages.forEach((pageElement, index) => {
    const page = index + 1;
    const area = pageElement.querySelector('.pagedjs_area')?.getBoundingClientRect();
    for (const image of Array.from(pageElement.querySelectorAll('.pagedjs_area img')) as HTMLImageElement[]) {
      if (!image.naturalWidth || !image.naturalHeight) continue;
      const drawn = drawnRect(image);
      const picture = {
        src: sourceOf(image),
        page,
        article: articleOf(image),
        line: lineOf(image),
        pixels: [image.naturalWidth, image.naturalHeight] as [number, number],
        placedMm: [round(drawn.width * mmPerPx, 1), round(drawn.height * mmPerPx, 1)] as [number, number],
        ppi: Math.round(pxPerInch / drawn.scale),
      };
      pictures.push(picture);
      const finding = (rule: string, column: number | null, detail: string) =>
        findings.push({ rule, page, column, article: picture.article, line: picture.line, excerpt: picture.src, detail });
      const body = image.closest('.article-body');
      const columns = body ? columnsOf(body) : undefined;
      const figure = image.closest('figure');
      const column = columns ? columnIndexAt(columns, drawn.left + drawn.width / 2) + 1 : null;
      const outside =
        area && (drawn.left < area.left - tolerance || drawn.left + drawn.width > area.right + tolerance || drawn.top + drawn.height > area.bottom + tolerance);
      if (outside) {
        finding('figure-too-wide', column, `${picture.placedMm[0]} × ${picture.placedMm[1]} mm reaches outside the type area`);
      } else if (columns && !figure?.classList.contains('wide') && drawn.width > columns.width + tolerance) {
        const columnMm = round(columns.width * mmPerPx, 1);
        finding('figure-too-wide', column, `${picture.placedMm[0]} mm wide in a ${columnMm} mm column; mark it {.wide} or make it narrower`);
      }
      const caption = figure?.querySelector('figcaption');
      const split = figure?.hasAttribute('data-split-to') || figure?.hasAttribute('data-split-from');
      const captionRect = caption?.getBoundingClientRect();
      const gap = caption && captionRect ? captionRect.top - (drawn.top + drawn.height) : 0;
      const apart = caption && (gap > 2 * parseFloat(getComputedStyle(caption).lineHeight) || gap < -drawn.height);
      if (figure && (split || apart)) finding('caption-separated', column, 'the caption is not directly under its picture');
      if (figure?.classList.contains('wide') && !atTopOfText(figure)) {
        finding('wide-figure-not-at-top', column, 'a wide figure in the middle of the page cuts the columns above it short; it belongs at the top');
      }
      const number = /^图\s*(\d+)/.exec(caption?.textContent ?? '')?.[1];
      const mentioned = number && mentions.get(`${picture.article} 图${number}`);
      if (mentioned && Math.abs(mentioned - page) > farPages) finding('figure-far-from-reference', column, `图${number} is first named on page ${mentioned}`);
    }
  });
  return { pictures, findings };
}

/**
 * Whether a figure stands at the top of its page's part of the article body, under other wide figures only (on an
 * article's first page that is under the article's head).
 */
function atTopOfText(figure: Element) {
  const body = figure.parentElement;
  if (!body?.classList.contains('article-body')) return false;
  for (let above = figure.previousElementSibling; above; above = above.previousElementSibling) if (!above.matches('figure.wide')) return false;
  return true;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
