/**
 * Images of an article: a Markdown rule records each image reference with its line and points local ones at the
 * document's assets; `resolveImages` then reads them from the issue folder (and nowhere else) so the paginate
 * stage can serve them. Remote images are never fetched: refused by default, or reported and left out.
 */
import { readFile, realpath } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import type { StateCore } from 'markdown-it';
import { displayPath } from '../manifest/displayPath.js';
import type { Article } from '../manifest/loadIssue.js';
import { UserError } from '../UserError.js';
import type { Asset } from '../IssueDocument.js';

export interface ImageReference {
  src: string;
  /** Line in the article file. */
  line: number;
  /** The asset path the HTML now points at (local images only). */
  assetPath?: string;
}

const remote = /^[a-z][a-z0-9+.-]*:/i;

/** markdown-it core rule: records images in `env.images`, rewriting local ones to `images/<article id>/<src>`. */
export function collectImages(state: StateCore): void {
  const env = state.env as { images?: ImageReference[]; articleId?: string; firstLine?: number };
  env.images ??= [];
  for (const token of state.tokens) {
    for (const child of token.children ?? []) {
      if (child.type !== 'image') continue;
      const src = String(child.attrGet('src') ?? '');
      const line = (env.firstLine ?? 1) + (token.map?.[0] ?? 0);
      if (remote.test(src)) {
        env.images.push({ src, line });
        continue;
      }
      const assetPath = `images/${env.articleId ?? 'article'}/${src}`;
      child.attrSet('src', assetPath);
      env.images.push({ src, line, assetPath });
    }
  }
}

const signatures: [string, (bytes: Buffer) => boolean][] = [
  ['image/png', (bytes) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['image/jpeg', (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff],
  ['image/gif', (bytes) => bytes.subarray(0, 4).toString('latin1') === 'GIF8'],
  ['image/webp', (bytes) => bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP'],
];

export interface ResolvedImages {
  assets: Map<string, Asset>;
  /** Remote images left out (remoteImages: warn), as messages. */
  warnings: string[];
}

export async function resolveImages(article: Article, images: ImageReference[], issueDir: string, remoteImages: 'fail' | 'warn'): Promise<ResolvedImages> {
  const assets = new Map<string, Asset>();
  const warnings: string[] = [];
  for (const image of images) {
    const location = { file: article.displayFile, line: image.line };
    if (!image.assetPath) {
      const message = `remote image ${image.src} is not fetched (print must not depend on the network); save it into the issue folder and link the file`;
      if (remoteImages === 'fail') throw new UserError('input', message, { location });
      warnings.push(`${article.displayFile}:${image.line}: ${message}`);
      continue;
    }
    const path = resolve(issueDir, decodeURI(image.src));
    const inside = (candidate: string, base: string) => !relative(base, candidate).startsWith('..') && candidate.startsWith(base + sep);
    const real = await realpath(path).catch(() => undefined);
    if (!inside(path, issueDir) || (real && !inside(real, await realpath(issueDir)))) {
      throw new UserError('input', `image ${image.src} is outside the issue folder; copy it into ${displayPath(issueDir)}`, { location });
    }
    const bytes = real ? await readFile(real) : undefined;
    if (!bytes) throw new UserError('input', `image ${image.src} not found; add the file or correct the name`, { location });
    const type = signatures.find(([, matches]) => matches(bytes))?.[0];
    if (!type) throw new UserError('input', `image ${image.src} is not a PNG, JPEG, GIF or WebP file (corrupt?); export it again`, { location });
    assets.set(image.assetPath, { body: bytes, contentType: type });
  }
  return { assets, warnings };
}
