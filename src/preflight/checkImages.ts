import { countOf } from './countItems.js';
import { groupPageProblems } from './describePages.js';
import type { ImageRow } from './parseImageList.js';
import type { PreflightCheck, PreflightExpectations } from './PreflightReport.js';
import type { ImageInk } from './readImageInk.js';

/** PDF/X-1a colour for images: process CMYK or grey only (RGB and ICC-based images are converted first). */
const printColours = ['cmyk', 'gray'];

/**
 * Every image at least `minImagePpi` at its printed size, in CMYK or grey, and with no more total ink than the
 * profile's limit (more than the press can dry sets off and smears). Masks have no colour of their own. A passing
 * check lists every picture with its colour space, resolution and highest ink.
 */
export function checkImages(images: readonly ImageRow[], expect: PreflightExpectations, inks: readonly ImageInk[] = []): PreflightCheck {
  const inkLimit = expect.inkLimit ?? 300;
  // pdfimages numbers the images of the whole document in list order, masks included.
  const pictures = images.flatMap((image, num) =>
    image.type === 'image' ? [{ ...image, ink: inks.find((candidate) => candidate.page === image.page && candidate.num === num)?.maxInk }] : [],
  );
  const minimum = expect.minImagePpi ?? 0;
  const problems = pictures.flatMap((image) => {
    const found: string[] = [];
    const ppi = Math.min(image.xPpi, image.yPpi);
    if (ppi < minimum) found.push(`${image.width} × ${image.height} px image at ${image.xPpi} × ${image.yPpi} ppi, below ${minimum}`);
    if (!printColours.includes(image.colour)) found.push(`${image.colour} image (${image.components} components), not CMYK or grey`);
    if (image.ink !== undefined && image.ink > inkLimit) {
      found.push(`${image.width} × ${image.height} px ${image.colour} image with ${image.ink} % ink, above the ${inkLimit} % limit`);
    }
    return found.map((problem) => ({ page: image.page, problem }));
  });
  if (problems.length > 0) return { name: 'images', pass: false, ...groupPageProblems(problems) };
  if (pictures.length === 0) return { name: 'images', pass: true, detail: 'no images' };
  const lowest = pictures.reduce((low, image) => (Math.min(image.xPpi, image.yPpi) < Math.min(low.xPpi, low.yPpi) ? image : low));
  const colours = [...new Set(pictures.map((image) => image.colour))].join(', ');
  const each = pictures.map((image) => {
    const ink = image.ink === undefined ? '' : ` ink ${image.ink} %`;
    return `p${image.page} ${image.width} × ${image.height} ${image.colour} ${Math.min(image.xPpi, image.yPpi)} ppi${ink}`;
  });
  const lowestPpi = `lowest ${lowest.xPpi} × ${lowest.yPpi} ppi${minimum ? ` (≥ ${minimum})` : ''}`;
  return { name: 'images', pass: true, detail: `${countOf(pictures.length, 'image')} (${colours}), ${lowestPpi}, ink limit ${inkLimit} %: ${each.join('; ')}` };
}
