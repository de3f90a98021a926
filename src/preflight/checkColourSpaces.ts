import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFStream, type PDFObject, type PDFPage } from 'pdf-lib';
import { collectPageObjects, dictOf } from '../press/pdfObjects.js';
import { countItems, countOf } from './countItems.js';
import { groupPageProblems } from './describePages.js';
import type { PreflightCheck } from './PreflightReport.js';
import type { PageColours } from './readPageColours.js';

/**
 * PDF/X-1a allows no RGB: neither RGB operators in the content (Chromium's rg/RG) nor an RGB colour space among the
 * page's resources (images, shadings, groups, Indexed/Separation bases).
 */
export function checkColourSpaces(pages: readonly PDFPage[], pageColours: readonly PageColours[]): PreflightCheck {
  const problems = pages.flatMap((page, index) => {
    const operators = pageColours[index].rgbOperators;
    const spaces = findRgbColourSpaces(page);
    const found = [
      ...(operators.length > 0 ? [`RGB operators in the content (${countItems(operators)})`] : []),
      ...(spaces.length > 0 ? [`RGB colour spaces in the resources (${[...new Set(spaces)].join(', ')})`] : []),
    ];
    return found.map((problem) => ({ page: index + 1, problem }));
  });
  if (problems.length > 0) return { name: 'colour spaces', pass: false, ...groupPageProblems(problems) };
  return { name: 'colour spaces', pass: true, detail: `no RGB on ${countOf(pages.length, 'page')} (CMYK and grey only)` };
}

/** Names of the RGB colour spaces that the page's objects use, e.g. ['DeviceRGB', 'ICCBased N=3']. */
function findRgbColourSpaces(page: PDFPage): string[] {
  const lookup = (value: PDFObject | undefined) => (value instanceof PDFRef ? page.doc.context.lookup(value) : value);
  const describeRgb = (value: PDFObject | undefined): string | undefined => {
    const space = lookup(value);
    if (space instanceof PDFName) return ['DeviceRGB', 'CalRGB'].includes(space.decodeText()) ? space.decodeText() : undefined;
    if (!(space instanceof PDFArray)) return undefined;
    const family = lookup(space.get(0));
    const name = family instanceof PDFName ? family.decodeText() : '';
    if (name === 'CalRGB') return name;
    if (name === 'ICCBased') {
      const profile = lookup(space.get(1));
      const components = profile instanceof PDFStream ? profile.dict.get(PDFName.of('N')) : undefined;
      return components instanceof PDFNumber && components.asNumber() === 3 ? 'ICCBased N=3' : undefined;
    }
    // The base of an Indexed space, the alternate of a Separation or DeviceN space.
    if (name === 'Indexed') return describeRgb(space.get(1));
    if (name === 'Separation' || name === 'DeviceN') return describeRgb(space.get(2));
    return undefined;
  };
  return collectPageObjects(page).flatMap((object) => {
    const dict = dictOf(object);
    return ['ColorSpace', 'CS'].flatMap((key) => {
      const value = lookup(dict.get(PDFName.of(key)));
      // In Resources, /ColorSpace maps names to colour spaces; elsewhere it is one colour space.
      const spaces = value instanceof PDFDict ? value.values() : [value];
      return spaces.map(describeRgb).filter((name): name is string => name !== undefined);
    });
  });
}
