/**
 * Reads an article's local images from the issue folder (and nowhere else) so the paginate stage can serve them,
 * refusing what is missing, outside the folder or not an image; remote images are refused or reported here
 * (collectImages already took them out of the page). PNGs with an alpha channel are flattened onto white paper:
 * PDF/X-1a forbids transparency, and Chromium would write it as a soft mask that the press step refuses.
 */
import { readFile, realpath } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import type { Article } from '../manifest/loadIssue.js';
import { displayPath } from '../manifest/displayPath.js';
import { combineUserErrors, UserError } from '../UserError.js';
import type { ImageReference } from './collectImages.js';
import { flattenPng } from './flattenPng.js';
import { imageHasTransparency } from './imageHasTransparency.js';
import type { Asset } from '../IssueDocument.js';

const signatures: [string, (bytes: Buffer) => boolean][] = [
  ['image/png', (bytes) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['image/jpeg', (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff],
  ['image/gif', (bytes) => bytes.subarray(0, 4).toString('latin1') === 'GIF8'],
  ['image/webp', (bytes) => bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP'],
];

export interface ReadImages {
  assets: Map<string, Asset>;
  /** Remote images left out (remoteImages: warn) and GIF or WebP pictures with transparency, as messages. */
  warnings: string[];
}

export async function readImages(article: Article, images: ImageReference[], issueDir: string, remoteImages: 'fail' | 'warn'): Promise<ReadImages> {
  const assets = new Map<string, Asset>();
  const warnings: string[] = [];
  const problems: UserError[] = [];
  for (const image of images) {
    try {
      await readImage(image);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      problems.push(error);
    }
  }
  // Every picture of the article is looked at, so one build names all that must be mended.
  if (problems.length > 0) throw combineUserErrors(problems);
  return { assets, warnings };

  async function readImage(image: ImageReference): Promise<void> {
    const location = { file: article.displayFile, line: image.line };
    if (!image.assetPath) {
      const message = `remote image ${image.src} is not fetched (print must not depend on the network); save it into the issue folder and link the file`;
      if (remoteImages === 'fail') throw new UserError('input', message, { location });
      warnings.push(`${article.displayFile}:${image.line}: ${message}; left out`);
      return;
    }
    const bytes = await readInside(issueDir, image.src, location);
    const type = imageType(bytes);
    if (!type) throw new UserError('input', `image ${image.src} is not a PNG, JPEG, GIF or WebP file (${describeOtherImage(bytes)}`, { location });
    const unreadable = () => new UserError('input', `image ${image.src} is not a readable PNG (corrupt?); export it again`, { location });
    const body = type === 'image/png' ? flattenPng(bytes, unreadable) : bytes;
    if (imageHasTransparency(bytes, type)) {
      const advice = 'export it as PNG (flattened onto white by paiban) or JPEG';
      warnings.push(`${article.displayFile}:${image.line}: image ${image.src} has transparency, which print cannot have (--press fails on it); ${advice}`);
    }
    assets.set(image.assetPath, { body, contentType: type });
  }
}

/** The picture's type by its first bytes, when it is one the page can draw (the import checks what it writes). */
export function imageType(bytes: Buffer): string | undefined {
  return signatures.find(([, matches]) => matches(bytes))?.[0];
}

/** What a picture the page cannot draw is, and what to do: Word's metafiles are converted by import-manuscript. */
function describeOtherImage(bytes: Buffer): string {
  const metafile = bytes.subarray(40, 44).toString('latin1') === ' EMF' ? 'EMF' : bytes.readUInt32LE(0) === 0x9ac6cdd7 ? 'WMF' : undefined;
  if (metafile) return `a Windows ${metafile} drawing); convert it to PNG (import-manuscript does) or export it again as PNG or JPEG`;
  return 'corrupt?); export it again';
}

/** The file's bytes, when it is inside the issue folder also after following links. */
async function readInside(issueDir: string, src: string, location: { file: string; line: number }): Promise<Buffer> {
  const path = resolve(issueDir, decodeURI(src));
  const inside = (candidate: string, base: string) => !relative(base, candidate).startsWith('..') && candidate.startsWith(base + sep);
  const real = await realpath(path).catch(() => undefined);
  if (!inside(path, issueDir) || (real && !inside(real, await realpath(issueDir)))) {
    throw new UserError('input', `image ${src} is outside the issue folder; copy it into ${displayPath(issueDir)}`, { location });
  }
  const bytes = real ? await readFile(real) : undefined;
  if (!bytes) throw new UserError('input', `image ${src} not found; add the file or correct the name`, { location });
  return bytes;
}
