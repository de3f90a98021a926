import { writeFile } from 'node:fs/promises';
import { PDFDict, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { decodeStreamText, loadPdf } from './pdfObjects.js';
import { runTool } from './runTool.js';
import { parseToUnicode, writeToUnicode } from './toUnicodeCMap.js';

/**
 * Puts back the texts of several characters (the "——" of one ligature glyph) that repairToUnicode replaced by
 * private-use placeholders for Ghostscript to copy. Only the ToUnicode streams change: qpdf --update-from-json
 * replaces them and keeps the file's PDF version, where a pdf-lib save would write %PDF-1.7 and break PDF/X-1a:2001.
 */
export async function restoreToUnicode(converted: string, output: string, placeholders: ReadonlyMap<string, string>, signal?: AbortSignal): Promise<void> {
  const document = await loadPdf(converted);
  const objects: Record<string, unknown> = {};
  for (const [, font] of document.context.enumerateIndirectObjects()) {
    const ref = font instanceof PDFDict && font.get(PDFName.of('Type')) === PDFName.of('Font') ? font.get(PDFName.of('ToUnicode')) : undefined;
    const stream = ref instanceof PDFRef ? document.context.lookup(ref) : undefined;
    if (!(ref instanceof PDFRef) || !(stream instanceof PDFRawStream)) continue;
    const cmap = decodeStreamText(stream);
    const entries = parseToUnicode(cmap);
    const restored = [...entries].filter(([, text]) => placeholders.has(text));
    if (restored.length === 0) continue;
    for (const [code, placeholder] of restored) entries.set(code, placeholders.get(placeholder) as string);
    // An empty dictionary: the stream's /Filter goes, as the data given is not compressed (qpdf compresses it).
    objects[`obj:${ref.objectNumber} ${ref.generationNumber} R`] = {
      stream: { dict: {}, data: Buffer.from(writeToUnicode(cmap, entries), 'latin1').toString('base64') },
    };
  }
  const update = `${output}.json`;
  const header = { jsonversion: 2, pushedinheritedpageresources: false, calledgetallpages: false, maxobjectid: document.context.largestObjectNumber };
  await writeFile(update, JSON.stringify({ qpdf: [header, objects] }));
  await runTool('qpdf', [converted, `--update-from-json=${update}`, output], { signal, task: `qpdf restoring the text of ${converted}` });
}
