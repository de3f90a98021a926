import { groupPageProblems } from './describePages.js';
import type { ImageRow } from './parseImageList.js';
import type { PreflightCheck } from './PreflightReport.js';
import type { ImageInk } from './readImageInk.js';

/**
 * Every picture with its colour space, resolution and highest total ink, against the profile's total ink limit
 * (e.g. 300 % for SWOP, 320 % for Japan Color 2001 Coated): more ink than the press can dry sets off and smears.
 */
export function checkPictureInk(images: readonly ImageRow[], inks: readonly ImageInk[], inkLimit: number): PreflightCheck {
  const pictures = images.flatMap((image, num) => {
    if (image.type !== 'image') return [];
    const ink = inks.find((candidate) => candidate.page === image.page && candidate.num === num)?.maxInk;
    return [{ image, ink }];
  });
  if (pictures.length === 0) return { name: 'picture ink', pass: true, detail: `no pictures (limit ${inkLimit} %)` };
  const describe = ({ image, ink }: (typeof pictures)[number]) =>
    `${image.width} × ${image.height} ${image.colour} ${Math.min(image.xPpi, image.yPpi)} ppi, ink ${ink === undefined ? 'not measured' : `${ink} %`}`;
  const over = pictures.filter(({ ink }) => ink !== undefined && ink > inkLimit);
  if (over.length > 0) {
    return { name: 'picture ink', pass: false, ...groupPageProblems(over.map((picture) => ({ page: picture.image.page, problem: `${describe(picture)} above the ${inkLimit} % limit` }))) };
  }
  return { name: 'picture ink', pass: true, detail: `limit ${inkLimit} %: ${pictures.map((picture) => `p${picture.image.page} ${describe(picture)}`).join('; ')}` };
}
