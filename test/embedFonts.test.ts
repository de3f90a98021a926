import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { embedFonts } from '../src/fonts/embedFonts.js';
import { loadFonts } from '../src/fonts/loadFonts.js';

let cache: string;
beforeEach(() => {
  cache = mkdtempSync(join(tmpdir(), 'paiban-cache-'));
  process.env.PAIBAN_CACHE_DIR = cache;
});
afterEach(() => {
  delete process.env.PAIBAN_CACHE_DIR;
  rmSync(cache, { recursive: true, force: true });
});

it('subsets every face, declares them per role, and keeps the subset cache bounded', async () => {
  const old = new Date(Date.now() - 86_400_000);
  for (let index = 0; index < 70; index++) {
    writeFileSync(join(cache, `old-${index}.ttf`), 'stale subset');
    utimesSync(join(cache, `old-${index}.ttf`), old, old);
  }
  const fonts = await loadFonts(join(import.meta.dirname, '..', 'fonts', 'fonts.yaml'));
  const assets = await embedFonts(fonts, '测试文字：N₂O');
  const css = String(assets.get('fonts.css')!.body);
  expect(css).toMatch(
    /@font-face \{ font-family: paiban-kai; font-weight: 400; src: url\("fonts\/song-regular\.ttf"\) format\("truetype"\); unicode-range: U\+2018, U\+2019, U\+201C, U\+201D; \}/,
  );
  expect(css).toMatch(/font-family: paiban-song; font-weight: 400; src: url\("fonts\/fallback-regular\.ttf"\)[^}]*unicode-range: U\+2082;/);
  expect(css).toMatch(/unicode-range: U\+2014, U\+2E3A; font-feature-settings: "fwid";/);
  // Code: the monospace face, and the song face for the Chinese it lacks (测, 试, 文, 字 and the marks).
  expect(css).toMatch(/font-family: paiban-mono; font-weight: 400; src: url\("fonts\/mono-regular\.ttf"\) format\("truetype"\); \}/);
  expect(css).toMatch(/font-family: paiban-mono; font-weight: 400; src: url\("fonts\/song-regular\.ttf"\)[^}]*unicode-range: [^}]*U\+6D4B/);
  expect((assets.get('fonts/song-regular.ttf')!.body as Buffer).length).toBeLessThan(200_000); // from 14.8 MB
  const left = readdirSync(cache);
  expect(left.length).toBe(64);
  expect(left.filter((name) => !name.startsWith('old-'))).toHaveLength(fonts.faces.length);
});

it('leaves code to the song face when fonts.yaml declares no mono face', async () => {
  const declared = readFileSync(join(import.meta.dirname, '..', 'fonts', 'fonts.yaml'), 'utf8');
  const withoutMono = declared.replace(/^mono:[^\n]*\n(?: {2}[^\n]*\n)+/m, '');
  expect(withoutMono).not.toContain('DejaVu Sans Mono');
  const folder = mkdtempSync(join(tmpdir(), 'paiban-fonts-'));
  try {
    writeFileSync(join(folder, 'fonts.yaml'), withoutMono);
    const fonts = await loadFonts(join(folder, 'fonts.yaml'));
    expect(fonts.faces.map((face) => face.role)).not.toContain('mono');
    expect(fonts.drawingFace('mono', 'regular', 'x')).toBe(fonts.face('song', 'regular'));
    expect(String((await embedFonts(fonts, 'x = 1')).get('fonts.css')!.body)).not.toContain('paiban-mono');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
