import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { expect, it } from 'vitest';
import { setPrintGeometry } from '../src/finish/setPrintGeometry.js';
import { periodicalSchema } from '../src/manifest/schemas.js';

const mm = (value: number) => (value * 72) / 25.4;

it('draws crop marks outside the bleed and grows the MediaBox to hold them', async () => {
  const document = await PDFDocument.create();
  document.addPage([mm(216), mm(291)]);
  const { page } = periodicalSchema.parse({ title: 't', publisher: 'p', page: { cropMarks: true } });
  setPrintGeometry(document, page);
  const pdfPage = document.getPage(0);
  expect(pdfPage.getTrimBox()).toMatchObject({ x: mm(3), y: mm(3), width: mm(210), height: mm(285) });
  expect(pdfPage.getBleedBox()).toMatchObject({ x: 0, y: 0, width: mm(216), height: mm(291) });
  const media = pdfPage.getMediaBox();
  expect(media.x).toBeCloseTo(-mm(7));
  expect(media.width).toBeCloseTo(mm(216 + 14));
  // Uncompressed by qpdf to read the content stream: eight marks, stroked in grey 0 (black, K only after conversion).
  const directory = mkdtempSync(join(tmpdir(), 'paiban-marks-'));
  writeFileSync(join(directory, 'in.pdf'), await document.save());
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', join(directory, 'in.pdf'), join(directory, 'out.pdf')]);
  const content = readFileSync(join(directory, 'out.pdf'), 'latin1');
  rmSync(directory, { recursive: true });
  expect(content.match(/ l\n/g)).toHaveLength(8);
  expect(content).toMatch(/0 G/);
});
