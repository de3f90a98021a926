/**
 * mammoth's HTML → blocks of paiban's article Markdown (README, "An issue's files"): `##` for 一、 headings, `###`
 * for (一) headings, `####` for other Word headings, `**…**` kept for run-in heads, `Table: caption` before a table,
 * `![caption](file)` for a picture with its caption, `[^n]` footnotes (endnotes too) at their anchors, lists, and
 * hyperlinks as their text. Each block keeps its texts apart from its markup, so the cleaning step rewrites text
 * only (table cells one by one) and the report can say which block it changed.
 */
import { parseXml } from './wordXml.js';

export interface ManuscriptBlock {
  kind: 'paragraph' | 'heading' | 'table' | 'figure' | 'list' | 'footnote';
  /** The block's texts as Markdown inline content: one for most blocks, one per cell of a table, one per list item. */
  texts: string[];
  /** The block's Markdown from its (cleaned) texts. */
  render(texts: string[]): string;
}

export interface MarkdownConversion {
  blocks: ManuscriptBlock[];
  warnings: string[];
}

/** A manual line break inside a paragraph: kept as this mark for the cleaning step, which removes and lists it. */
export const lineBreakMark = '\u2028';

const level1Label = /^[一二三四五六七八九十]+、/;
const level2Label = /^[（(][一二三四五六七八九十]+[)）]/;
/** `图1 …`, `图1：…`, `图 2-1: …`: a label, then a separator or the title (not `图1所示` in a sentence: checked by length). */
const figureCaption = /^(图|圖|Figure|Fig\.)\s*[0-9０-９一二三四五六七八九十]+([.．\-－][0-9０-９]+)*(\s|[：:]|\p{Script=Han})/iu;
const tableCaption = /^(续?表|Table)\s*[0-9０-９一二三四五六七八九十]+([.．\-－][0-9０-９]+)*(\s|[：:]|\p{Script=Han})/iu;

export function htmlToMarkdown(html: string): MarkdownConversion {
  const root = parseXml(`<body>${html}</body>`, 'mammoth output').documentElement;
  const state: ConversionState = { notes: new Map(), warnings: [], tables: 0 };
  const blocks: ManuscriptBlock[] = [];
  const nodes = elementsOf(root);
  const notes: Element[] = [];
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index];
    const tag = node.tagName;
    const next = nodes[index + 1];
    if ((tag === 'ol' || tag === 'ul') && elementsOf(node).some((item) => /^(footnote|endnote)-/.test(item.getAttribute('id') ?? ''))) {
      notes.push(...elementsOf(node));
      continue;
    }
    if (tag === 'table') {
      blocks.push(convertTable(node, state, undefined));
      continue;
    }
    if (tag === 'ul' || tag === 'ol') {
      blocks.push(convertList(node, state));
      continue;
    }
    const plain = plainText(node);
    // A picture of a drawing group (VML, LibreOffice's and Word's fallback) comes out of mammoth outside any paragraph.
    const images = tag === 'img' ? [node] : Array.from(node.getElementsByTagName('img'));
    if (images.length === 1 && plain.trim() === '') {
      const captionNode = next && isCaption(next, figureCaption) ? next : undefined;
      if (captionNode) index++;
      const caption = captionNode ? renderCaption(captionNode, state) : escapeText(images[0].getAttribute('alt') ?? '');
      const file = images[0].getAttribute('src') ?? '';
      blocks.push({ kind: 'figure', texts: [caption], render: ([text]) => `![${text}](${file})` });
      continue;
    }
    if (next?.tagName === 'table' && isCaption(node, tableCaption)) {
      index++;
      blocks.push(convertTable(next, state, renderCaption(node, state)));
      continue;
    }
    // A caption away from its figure or table (a picture in a text box, a table after a note) is a paragraph, not a
    // heading, also when the author styled it as one.
    if ((isCaption(node, figureCaption) || isCaption(node, tableCaption)) && !/[。，；]/.test(plain)) {
      blocks.push({ kind: 'paragraph', texts: [renderCaption(node, state)], render: ([text]) => escapeBlockStart(text) });
      continue;
    }
    const heading = headingLevel(node, plain);
    if (heading) {
      // A heading is bold anyway; its emphasis marks go, its note references stay. Word's tab after a number is a gap.
      const text = renderInline(node, state)
        .replace(/(?<!\\)\*+/g, '')
        .replace(/^([^\t]*?)\t+/, (_, number: string) => `${number}\u3000`)
        .replace(/\t+/g, ' ');
      // A heading with nothing to print (an anchor, a picture's empty frame) is an empty paragraph, dropped and listed.
      if (text.trim() === '') blocks.push({ kind: 'paragraph', texts: [''], render: () => '' });
      else blocks.push({ kind: 'heading', texts: [text], render: ([cleaned]) => `${'#'.repeat(heading)} ${cleaned}` });
      continue;
    }
    blocks.push({ kind: 'paragraph', texts: [renderInline(node, state)], render: ([text]) => escapeBlockStart(text) });
  }
  for (const note of notes) {
    const number = state.notes.get(note.getAttribute('id') ?? '');
    // mammoth leaves a space before the back link, and LibreOffice starts every note with a tab: neither is the author's.
    const text = elementsOf(note)
      .map((paragraph) => renderInline(paragraph, state))
      .join('')
      .replace(/^[\t ]+|[\t ]+$/g, '');
    if (number === undefined) {
      // Markdown drops a note nobody refers to; its text stays as a paragraph at the end.
      state.warnings.push(`a note with no reference in the text, kept as the last paragraph: ${JSON.stringify(plainText(note).trim().slice(0, 40))}`);
      blocks.push({ kind: 'paragraph', texts: [text], render: ([cleaned]) => escapeBlockStart(cleaned) });
      continue;
    }
    blocks.push({ kind: 'footnote', texts: [text], render: ([cleaned]) => `[^${number}]: ${cleaned}` });
  }
  return { blocks, warnings: state.warnings };
}

interface ConversionState {
  /** Note id (`footnote-3`) → its number in the article, in order of the references. */
  notes: Map<string, number>;
  warnings: string[];
  tables: number;
}

function elementsOf(node: Element): Element[] {
  return Array.from(node.childNodes).filter((item): item is Element => item.nodeType === 1);
}

function plainText(node: Element): string {
  return node.textContent ?? '';
}

/** A caption's text: the template sets it, so the author's emphasis goes; the label's separator (`表1：`, `图1 `) stays. */
function renderCaption(node: Element, state: ConversionState): string {
  return renderInline(node, state)
    .replace(/(?<!\\)\*+/g, '')
    .replace(/\t+/g, ' ');
}

function isCaption(node: Element, pattern: RegExp): boolean {
  const text = plainText(node).trim();
  return (
    /^(p|h[1-6])$/.test(node.tagName) &&
    (node.getAttribute('class') === 'caption' || pattern.test(text)) &&
    text.length <= 80 &&
    node.getElementsByTagName('img').length === 0
  );
}

/**
 * A Word heading, or a numbered paragraph that reads as a heading (short, no sentence inside): its level by its
 * label when it has one (一、 → 2, （一） → 3), otherwise by its Word heading level.
 */
function headingLevel(node: Element, plain: string): number | undefined {
  const text = plain.trim();
  const wordLevel = /^h([1-6])$/.exec(node.tagName);
  const byLabel = level1Label.test(text) ? 2 : level2Label.test(text) ? 3 : undefined;
  if (wordLevel) return byLabel ?? Math.min(Number(wordLevel[1]) + 1, 4);
  const readsAsHeading = text.length <= 40 && !/[。；;，,！？!?：:]/.test(text.slice(0, -1)) && !/[。；;，,：:]$/.test(text);
  return readsAsHeading ? byLabel : undefined;
}

function renderInline(node: Element, state: ConversionState): string {
  mergeAdjacentFormatting(node);
  let text = '';
  for (const item of Array.from(node.childNodes)) {
    if (item.nodeType === 3) {
      text += escapeText(item.nodeValue ?? '');
      continue;
    }
    if (item.nodeType !== 1) continue;
    const element = item as Element;
    const inner = () => renderInline(element, state);
    switch (element.tagName) {
      case 'strong':
        // Bold next to bold is joined at the end (below); bold inside bold is one emphasis.
        text += hasAncestor(element, 'strong') ? inner() : wrap(inner(), '**');
        break;
      case 'em':
        text = appendItalic(text, hasAncestor(element, 'em') ? inner() : wrap(inner(), '*'));
        break;
      case 's':
        text += wrap(inner(), '~~');
        break;
      case 'br':
        text += lineBreakMark;
        break;
      case 'img':
        text += `![${escapeText(element.getAttribute('alt') ?? '')}](${element.getAttribute('src') ?? ''})`;
        break;
      case 'sup':
      case 'sub': {
        const reference = noteReference(element, state);
        if (reference) text += reference;
        else {
          const content = inner();
          state.warnings.push(
            `${element.tagName === 'sup' ? 'superscript' : 'subscript'} ${JSON.stringify(plainText(element))} set as ordinary text (in ${JSON.stringify(plainText(node).slice(0, 30))})`,
          );
          text += content;
        }
        break;
      }
      case 'a':
        // The back link of a note to its reference (↑) means nothing on paper; a hyperlink becomes its text.
        if (!/^#(footnote|endnote)-ref-/.test(element.getAttribute('href') ?? '')) text += inner();
        break;
      default:
        text += inner();
    }
  }
  // A bold run closed and the next opened with nothing printed between, across a link or field wrapper: one emphasis.
  return text.replace(/(?<=[^\s*\\])\*\*\*\*(?=[^\s*])/g, '');
}

/**
 * Word splits text into runs wherever anything changed (a spelling mark, a revision id), so mammoth writes
 * `<strong>〇.1</strong><strong>格式说明</strong>`, which would print as `**〇.1****格式说明**`: adjacent elements
 * of the same formatting become one.
 */
function mergeAdjacentFormatting(node: Element): void {
  for (let item = node.firstChild; item; item = item.nextSibling) {
    if (item.nodeType !== 1 || !['strong', 'em', 's'].includes((item as Element).tagName)) continue;
    const element = item as Element;
    for (let next = element.nextSibling; next && next.nodeType === 1 && (next as Element).tagName === element.tagName; next = element.nextSibling) {
      while (next.firstChild) element.appendChild(next.firstChild);
      node.removeChild(next);
    }
  }
}

/** mammoth writes a note reference as <sup><a href="#footnote-3" id="footnote-ref-3">[3]</a></sup>. */
function noteReference(sup: Element, state: ConversionState): string | undefined {
  const link = elementsOf(sup)[0];
  const target = /^#((footnote|endnote)-.+)$/.exec(link?.getAttribute('href') ?? '');
  if (!target) return undefined;
  if (!state.notes.has(target[1])) state.notes.set(target[1], state.notes.size + 1);
  return `[^${state.notes.get(target[1])}]`;
}

function hasAncestor(element: Element, tagName: string): boolean {
  for (let parent = element.parentNode; parent; parent = parent.parentNode) if ((parent as Element).tagName === tagName) return true;
  return false;
}

/** Italic right after italic with nothing printed between (`*甲**乙*` would read as bold) continues it. */
function appendItalic(text: string, italic: string): string {
  const closes = /[^\s*\\]\*$/.test(text) && /^\*[^\s*]/.test(italic);
  return closes ? text.slice(0, -1) + italic.slice(1) : text + italic;
}

/** Emphasis around the words only: `** 一、**` does not close in CommonMark, so edge spaces go outside. */
function wrap(content: string, mark: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(content)!;
  return match[2] === '' ? content : `${match[1]}${mark}${match[2]}${mark}${match[3]}`;
}

function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, '\\$&').replace(/&(?=[#\w]+;)/g, '\\&');
}

/** A paragraph that starts like a Markdown heading, list item or numbered item would become one. */
function escapeBlockStart(text: string): string {
  const ordered = /^(\d{1,9})([.)])(?=\s|$)/.exec(text);
  if (ordered) return `${ordered[1]}\\${text.slice(ordered[1].length)}`;
  return /^(#{1,6}|[-+])(?=\s|$)/.test(text) ? `\\${text}` : text;
}

function convertTable(table: Element, state: ConversionState, caption: string | undefined): ManuscriptBlock {
  state.tables++;
  const grid: (string | undefined)[][] = [];
  let merged = 0;
  const rows = Array.from(table.getElementsByTagName('tr')).filter((row) => closestTable(row) === table);
  rows.forEach((row, rowIndex) => {
    grid[rowIndex] ??= [];
    let column = 0;
    for (const cell of elementsOf(row).filter((item) => item.tagName === 'td' || item.tagName === 'th')) {
      while (grid[rowIndex][column] !== undefined) column++;
      const colspan = Number(cell.getAttribute('colspan') || 1);
      const rowspan = Number(cell.getAttribute('rowspan') || 1);
      if (colspan > 1 || rowspan > 1) merged++;
      const paragraphs = elementsOf(cell).filter((item) => item.tagName !== 'table');
      const text = (paragraphs.length > 0 ? paragraphs : [cell]).map((item) => renderInline(item, state)).reduce(joinCellParagraphs, '');
      for (let r = 0; r < rowspan; r++) {
        grid[rowIndex + r] ??= [];
        for (let c = 0; c < colspan; c++) grid[rowIndex + r][column + c] = r === 0 && c === 0 ? text : '';
      }
      column += colspan;
    }
  });
  const width = Math.max(1, ...grid.map((row) => row.length));
  const cells = grid.flatMap((row) => Array.from({ length: width }, (_, index) => row[index] ?? ''));
  if (merged > 0) {
    const name = caption ? JSON.stringify(caption) : `table ${state.tables}`;
    state.warnings.push(
      `${name} has ${merged} merged cell${merged === 1 ? '' : 's'}, which the Markdown tables of the templates cannot show: ` +
        'each merged text is kept in its first cell and the cells it covered are left empty; check the table',
    );
  }
  const render = (texts: string[]) => {
    const lines: string[] = [];
    for (let row = 0; row * width < texts.length; row++) {
      lines.push(`| ${texts.slice(row * width, (row + 1) * width).join(' | ')} |`);
      if (row === 0) lines.push(`|${'---|'.repeat(width)}`);
    }
    return caption === undefined ? lines.join('\n') : `Table: ${caption}\n\n${lines.join('\n')}`;
  };
  return { kind: 'table', texts: cells, render };
}

function closestTable(node: Element): Element | undefined {
  for (let parent = node.parentNode; parent; parent = parent.parentNode) if ((parent as Element).tagName === 'table') return parent as Element;
  return undefined;
}

/** Paragraphs of one cell run together; a space only between two Latin words or numbers. */
function joinCellParagraphs(text: string, next: string): string {
  if (text === '' || next === '') return text + next;
  return /[\p{Script=Latin}\d]$/u.test(text) && /^[\p{Script=Latin}\d]/u.test(next) ? `${text} ${next}` : text + next;
}

function convertList(list: Element, state: ConversionState): ManuscriptBlock {
  const items: { prefix: string }[] = [];
  const texts: string[] = [];
  const visit = (node: Element, indent: string) => {
    elementsOf(node).forEach((item, index) => {
      const nested = elementsOf(item).filter((child) => child.tagName === 'ul' || child.tagName === 'ol');
      for (const child of nested) item.removeChild(child);
      const text = renderInline(item, state);
      // An empty item (an empty paragraph left in a list) would print as a bare bullet; the items under it move up.
      if (text.trim() === '') {
        for (const child of nested) visit(child, indent);
        return;
      }
      items.push({ prefix: `${indent}${node.tagName === 'ol' ? `${index + 1}.` : '-'} ` });
      texts.push(text);
      for (const child of nested) visit(child, `${indent}   `);
    });
  };
  visit(list, '');
  return { kind: 'list', texts, render: (cleaned) => cleaned.map((text, index) => items[index].prefix + text).join('\n') };
}
