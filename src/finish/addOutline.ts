import { PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFDocument, type PDFRef } from 'pdf-lib';

export interface OutlineEntry {
  title: string;
  /** 1-based page number. */
  page: number;
  children?: OutlineEntry[];
}

/**
 * Writes PDF bookmarks: Chromium's own outline (page.pdf({ outline: true })) follows every heading level of the
 * HTML, but the office wants exactly one entry per section and article.
 */
export function addOutline(document: PDFDocument, entries: OutlineEntry[]): void {
  const context = document.context;
  const pages = document.getPages();
  const rootRef = context.nextRef();
  const writeLevel = (items: OutlineEntry[], parentRef: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = items.map(() => context.nextRef());
    let count = items.length;
    items.forEach((item, index) => {
      const dict = PDFDict.withContext(context);
      dict.set(PDFName.of('Title'), PDFHexString.fromText(item.title));
      dict.set(PDFName.of('Parent'), parentRef);
      if (index > 0) dict.set(PDFName.of('Prev'), refs[index - 1]);
      if (index < items.length - 1) dict.set(PDFName.of('Next'), refs[index + 1]);
      const page = pages[Math.min(Math.max(item.page, 1), pages.length) - 1];
      dict.set(PDFName.of('Dest'), context.obj([page.ref, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull]));
      if (item.children?.length) {
        const children = writeLevel(item.children, refs[index]);
        dict.set(PDFName.of('First'), children.first);
        dict.set(PDFName.of('Last'), children.last);
        dict.set(PDFName.of('Count'), PDFNumber.of(children.count)); // positive: shown open
        count += children.count;
      }
      context.assign(refs[index], dict);
    });
    return { first: refs[0], last: refs[refs.length - 1], count };
  };
  if (entries.length === 0) return;
  const top = writeLevel(entries, rootRef);
  context.assign(rootRef, context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.count }));
  document.catalog.set(PDFName.of('Outlines'), rootRef);
  document.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
