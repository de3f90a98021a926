/**
 * The fonts the page loads: each declared face subset to the characters the issue uses, and the @font-face
 * rules that bind them to the roles the stylesheet names (paiban-song, paiban-hei, paiban-kai, paiban-mono).
 *
 * Subsetting before the browser sees the fonts is the largest single speed-up (docs/typesetting.md §9: 14.8 MB → 0.7 MB
 * a face, page load 3.8 s → 2.0 s) and keeps the PDF small whatever Chromium does (it embedded all of LXGW
 * WenKai unsubset, docs/print.md §5). harfbuzz keeps every layout feature by default, so `halt` `chws` `fwid` `locl`
 * `vert` survive. Subsets are cached by face and character set.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import subsetFont from 'subset-font';
import type { Asset } from '../IssueDocument.js';
import type { FontFace, FontSet } from './loadFonts.js';

/**
 * Always kept: ASCII (digits of generated page numbers), the marks the templates add, and the emphasis dot
 * (着重号, U+2022) that `text-emphasis: filled dot` draws from the element's own font though no text contains it.
 */
const alwaysKept = `${Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index)).join('')}　：（）·—…“”‘’、，。•`;

/** Returns the subset font files and `fonts.css`, the stylesheet that declares them. */
export async function embedFonts(fonts: FontSet, usedText: string): Promise<Map<string, Asset>> {
  const characters = [...new Set(usedText + alwaysKept)].sort().join('');
  const assets = new Map<string, Asset>();
  await Promise.all(
    fonts.faces.map(async (face) => {
      assets.set(fontPath(face), { body: await subsetCached(face, characters), contentType: 'font/ttf' });
    }),
  );
  const css = fonts.faces.map((face) => fontFaceRules(face, fonts, characters)).join('\n');
  return assets.set('fonts.css', { body: css, contentType: 'text/css' });
}

function fontPath(face: FontFace): string {
  return `fonts/${face.role}-${face.weight}.ttf`;
}

function fontFaceRules(face: FontFace, fonts: FontSet, characters: string): string {
  if (face.role === 'fallback') return '';
  const role = face.role;
  const weight = face.weight === 'bold' ? 700 : 400;
  const rule = (path: string, extra = '') =>
    `@font-face { font-family: paiban-${face.role}; font-weight: ${weight}; src: url("${path}") format("truetype");${extra} }`;
  // Overlapping unicode-ranges are tried last-defined first (CSS Fonts 4 §4.5), so the overrides follow the face.
  const rules = [rule(fontPath(face))];
  // Noto's U+2014 is 0.89 em; with `fwid` the dash `——` measures exactly 2 em (docs/typesetting.md §3). Not on the
  // paragraph: fwid there would widen every mark. Code keeps its own dash.
  if (role !== 'mono') rules.push(rule(fontPath(face), ' unicode-range: U+2014, U+2E3A; font-feature-settings: "fwid";'));
  // Each other face that draws characters for this role (another role's quotes, the song face's Chinese in code, the
  // fallback's symbols) is bound to this family for exactly those characters.
  const others = new Map<FontFace, string[]>();
  for (const character of characters) {
    const drawing = fonts.drawingFace(role, face.weight, character);
    if (drawing && drawing !== face) others.set(drawing, [...(others.get(drawing) ?? []), character]);
  }
  for (const [other, drawn] of others) rules.push(rule(fontPath(other), ` unicode-range: ${drawn.map(unicodeRangeOf).join(', ')};`));
  return rules.join('\n');
}

async function subsetCached(face: FontFace, characters: string): Promise<Buffer> {
  const key = createHash('sha256').update(face.data).update(characters).digest('hex').slice(0, 32);
  const cacheDir = process.env.PAIBAN_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'paiban', 'fonts');
  const cached = join(cacheDir, `${key}.ttf`);
  const hit = await readFile(cached).catch(() => undefined);
  if (hit) {
    await utimes(cached, new Date(), new Date()).catch(() => undefined); // recently used: kept by the pruning
    return hit;
  }
  const subset = await subsetFont(face.data, characters, { targetFormat: 'truetype' });
  await mkdir(cacheDir, { recursive: true });
  const temporary = `${cached}.${process.pid}.tmp`;
  await writeFile(temporary, subset);
  await rename(temporary, cached);
  await pruneCache(cacheDir);
  return subset;
}

/** Every edit of the text makes new subsets (about 0.75 MB a face): keep only the most recently used ones. */
const cachedSubsetsKept = 64;

async function pruneCache(cacheDir: string): Promise<void> {
  const names = (await readdir(cacheDir)).filter((name) => name.endsWith('.ttf'));
  if (names.length <= cachedSubsetsKept) return;
  const entries = await Promise.all(
    names.map(async (name) => ({ path: join(cacheDir, name), used: (await stat(join(cacheDir, name)).catch(() => undefined))?.mtimeMs ?? 0 })),
  );
  entries.sort((a, b) => b.used - a.used);
  await Promise.all(entries.slice(cachedSubsetsKept).map((entry) => rm(entry.path, { force: true })));
}

function unicodeRangeOf(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase()}`;
}
