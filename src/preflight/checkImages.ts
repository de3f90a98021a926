import { countOf } from './countItems.js';
import { groupPageProblems } from './describePages.js';
import type { ImageRow } from './parseImageList.js';
import type { PreflightCheck, PreflightExpectations } from './PreflightReport.js';

/** PDF/X-1a colour for images: process CMYK or grey only (RGB and ICC-based images are converted first). */
const printColours = ['cmyk', 'gray'];

/** Every image at least `minImagePpi` at its printed size, in CMYK or grey. Masks have no colour of their own. */
export function checkImages(images: readonly ImageRow[], expect: PreflightExpectations): PreflightCheck {
  const pictures = images.filter((image) => image.type === 'image');
  const minimum = expect.minImagePpi ?? 0;
  const problems = pictures.flatMap((image) => {
    const found: string[] = [];
    const ppi = Math.min(image.xPpi, image.yPpi);
    if (ppi < minimum) found.push(`${image.width} × ${image.height} px image at ${image.xPpi} × ${image.yPpi} ppi, below ${minimum}`);
    if (!printColours.includes(image.colour)) found.push(`${image.colour} image (${image.components} components), not CMYK or grey`);
    return found.map((problem) => ({ page: image.page, problem }));
  });
  if (problems.length > 0) return { name: 'images', pass: false, ...groupPageProblems(problems) };
  if (pictures.length === 0) return { name: 'images', pass: true, detail: 'no images' };
  const lowest = pictures.reduce((low, image) => (Math.min(image.xPpi, image.yPpi) < Math.min(low.xPpi, low.yPpi) ? image : low));
  const colours = [...new Set(pictures.map((image) => image.colour))].join(', ');
  return { name: 'images', pass: true, detail: `${countOf(pictures.length, 'image')} (${colours}), lowest ${lowest.xPpi} × ${lowest.yPpi} ppi${minimum ? ` (≥ ${minimum})` : ''}` };
}
