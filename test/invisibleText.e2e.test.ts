/**
 * The finished PDF's text layer carries no soft hyphens, zero width spaces or word joiners: a word the line
 * adjustment hyphenated (the technology fixture's `tech` issue, whose loose lines are mended with `hyphenate`) is
 * found whole by a reader's search, also where it is not broken, and where it is broken at a line's end reads
 * `Check-` / `point`, as any hyphenated word; a web address (the `addresses` issue, a word joiner after each slash
 * and breaks the line adjustment allowed) is copied as its author wrote it. Read with poppler (pdftotext) and with
 * pdf.js, as readers and full-text indexes read it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageTexts } from './helpers/pdfTools.js';
import { runCli } from './helpers/runCli.js';

const fixture = join(import.meta.dirname, 'fixtures', 'technology');
const out = mkdtempSync(join(tmpdir(), 'paiban-soft-hyphens-'));
const pdf = join(out, 'tech.pdf');
const addressesPdf = join(out, 'addresses.pdf');
let report: { adjustments: { counts: Record<string, number> } };

/** The text of every page as pdf.js reads it, lines joined with a newline. */
async function pdfjsTexts(path: string): Promise<string[]> {
  const document = await getDocument({ data: new Uint8Array(readFileSync(path)), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const texts: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const content = await (await document.getPage(number)).getTextContent();
      texts.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    }
    return texts;
  } finally {
    await document.destroy();
  }
}

beforeAll(async () => {
  const built = await runCli(['tech', '--root', fixture, '-o', pdf]);
  expect(built.code, built.stderr).toBe(0);
  report = JSON.parse(readFileSync(join(out, 'tech.check.json'), 'utf8'));
  const addresses = await runCli(['addresses', '--root', fixture, '-o', addressesPdf]);
  expect(addresses.code, addresses.stderr).toBe(0);
}, 240_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('invisible characters in the text layer', () => {
  it('the issue has hyphenated words, and neither poppler nor pdf.js reads a soft hyphen', async () => {
    expect(report.adjustments.counts.hyphenate).toBeGreaterThan(0);
    expect(pageTexts(pdf).join('')).not.toContain('\u00ad');
    expect((await pdfjsTexts(pdf)).join('')).not.toContain('\u00ad');
  });

  it('a hyphenated word is found whole where it is not broken, and as Check- / point where it is', async () => {
    const body = readFileSync(join(fixture, 'issues', 'tech', '01-datacenter.md'), 'utf8').split(/^---$/m)[2];
    for (const text of [pageTexts(pdf).join('\n'), (await pdfjsTexts(pdf)).join('\n')]) {
      expect(text).toMatch(/Check-\s*\n\s*point/);
      // Every Latin word of the source reads whole once a line-end hyphen is joined, as readers' search does.
      const joined = text.replace(/-\s*\n\s*/g, '').replace(/\s+/g, '');
      for (const word of new Set(body.match(/[A-Za-z]{5,}/g))) expect(joined, word).toContain(word);
    }
  });

  it('web addresses read as written: no word joiner or zero width space, every address of the source found whole', async () => {
    const files = ['01-data-open.md', '02-platform.md', '03-consultation.md'];
    const source = files.map((file) => readFileSync(join(fixture, 'issues', 'addresses', file), 'utf8')).join('\n');
    const addresses = new Set(source.match(/https?:\/\/[A-Za-z0-9./_?=&#%-]+[A-Za-z0-9/]/g));
    expect(addresses.size).toBeGreaterThan(5);
    for (const text of [pageTexts(addressesPdf).join('\n'), (await pdfjsTexts(addressesPdf)).join('\n')]) {
      expect(text).not.toMatch(/[\u00ad\u200b\u2060]/);
      // Lines joined as a reader copying across a line break does (an address breaks with no hyphen).
      const joined = text.replace(/\s+/g, '');
      for (const address of addresses) expect(joined, address).toContain(address);
    }
  });
});
