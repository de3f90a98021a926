import { countOf } from './countItems.js';
import { groupPageProblems } from './describePages.js';
import type { ImageRow } from './parseImageList.js';
import type { PreflightCheck, PreflightExpectations } from './PreflightReport.js';
import type { Cmyk, PageColours } from './readPageColours.js';

/** Ghostscript writes colours at about 1/1000 precision (85 % comes out as 0.849609): compare within 0.6 %. */
const colourTolerance = 0.006;

type PageInk = 'images' | 'black only' | 'declared colours' | { problem: string; ink?: Cmyk };

/**
 * Black text on the black plate only (docs/print.md §3). inkcov tells which pages carry cyan, magenta or yellow; on a page
 * without images that ink can only come from text or rules, and it passes only if every colour the page sets is
 * K-only or one of the declared theme colours. Anything else (rich black, RGB left for the RIP to convert, an
 * undeclared colour) fails.
 */
export function checkBlackInk(inkcov: string, images: readonly ImageRow[], pageColours: readonly PageColours[], expect: PreflightExpectations): PreflightCheck {
  const coverage = parseInkCoverage(inkcov);
  const imagePages = new Set(images.filter((image) => image.type === 'image').map((image) => image.page));
  const declared = (expect.declaredColours ?? []).map((colour) => colour.map((ink) => ink / 100) as Cmyk);
  const results = pageColours.map((colours, index) => classifyPage(colours, coverage[index], imagePages.has(index + 1), declared));
  const problems = results.flatMap((result, index) => (typeof result === 'object' ? [{ page: index + 1, ...result }] : []));
  if (problems.length > 0) {
    const { detail, pages } = groupPageProblems(problems);
    const measured = problems.find((problem) => problem.ink);
    const figures = measured?.ink ? `; page ${measured.page} coverage ${formatCoverage(measured.ink)}` : '';
    return { name: 'black on K only', pass: false, detail: `${detail} (rich black or colour text)${figures}`, pages };
  }
  const count = (kind: PageInk) => results.filter((result) => result === kind).length;
  const colours = declared.length > 0 ? ` (${declared.map(formatCmyk).join(', ')})` : '';
  return {
    name: 'black on K only',
    pass: true,
    detail: `${countOf(count('black only'), 'page')} black on K only, ${count('declared colours')} with declared colours${colours}, ${count('images')} with images`,
  };
}

function classifyPage(colours: PageColours, ink: Cmyk | undefined, hasImages: boolean, declared: Cmyk[]): PageInk {
  if (!ink) return { problem: 'no ink coverage from Ghostscript' };
  if (hasImages) return 'images';
  if (!hasColourInk(ink)) return 'black only';
  const undeclared = colours.cmyk.filter((colour) => hasColourInk(colour) && !declared.some((known) => isSameColour(colour, known)));
  if (undeclared.length === 0 && colours.rgbOperators.length === 0 && colours.cmyk.some(hasColourInk)) return 'declared colours';
  const cause =
    undeclared.length > 0
      ? `colour ${undeclared.map(formatCmyk).join(', ')} not declared`
      : colours.rgbOperators.length > 0
        ? `RGB colour (${colours.rgbOperators[0]}), which converts to rich black`
        : 'no declared colour explains it';
  return { problem: `cyan/magenta/yellow ink without images: ${cause}`, ink };
}

/** One line per page from `gs -sDEVICE=inkcov`: " 0.00000  0.00000  0.00000  0.05317 CMYK OK". */
function parseInkCoverage(inkcov: string): Cmyk[] {
  return [...inkcov.matchAll(/^\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+CMYK OK/gm)].map((match) => match.slice(1, 5).map(Number) as Cmyk);
}

const hasColourInk = (colour: Cmyk) => colour[0] > 0 || colour[1] > 0 || colour[2] > 0;
const isSameColour = (a: Cmyk, b: Cmyk) => a.every((ink, index) => Math.abs(ink - b[index]) <= colourTolerance);
const formatCmyk = (colour: Cmyk) => colour.map((ink, index) => `${'CMYK'[index]}${Math.round(ink * 100)}`).join(' ');
const formatCoverage = (ink: Cmyk) => ink.map((value, index) => `${'CMYK'[index]} ${(value * 100).toFixed(3)} %`).join(', ');
