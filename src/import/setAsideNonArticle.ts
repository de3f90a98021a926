/**
 * What is in the Word file but is not the article, taken out before the conversion and listed in the report:
 *
 * 1. Word's tables of contents and lists of figures or tables: a TOC field (its cached result, with Word's page
 *    numbers glued on: `1范围1`), or the content control Word 2013+ wraps it in, with the 目录/目次 heading above it.
 * 2. Placeholders of content controls (`w:showingPlcHdr`: 点击此处添加…), text nobody wrote.
 * 3. A cover page: the document's first section, when the file has more than one and the first is short and reads
 *    as a cover (form fields, content controls, classification codes, 学校代码/学号, 发布/实施 lines). Its largest
 *    line is offered as the title, should the body have none.
 */
import { coverCode } from './recogniseFrontMatter.js';
import type { WordStyles } from './readStyles.js';
import { readRunFormatting, textRuns } from './readStyles.js';
import { ancestor, child, childValue, children, descendants, quote, remove, textOf } from './wordXml.js';

export interface SetAside {
  what: 'table of contents' | 'placeholder' | 'cover page';
  /** Its text, shortened. */
  text: string;
}

export interface NonArticle {
  setAside: SetAside[];
  /** The cover's largest line (the title as the cover prints it), when a cover was set aside. */
  coverTitle?: string;
}

const contentsHeading = /^(目\s*[录次]|(表格|插图|图表|图|表|附图|附表)\s*目\s*录|清\s*单|contents|table of contents|list of (figures|tables))$/i;
/** Lines of a cover's form: never its title. */
const coverField =
  /学校代码|单位代码|学\s*号|指导教师|导\s*师|姓\s*名|申请学位|日\s*期|征求意见稿|送审稿|报批稿|发布$|实施$|^中华人民共和国|^[（(]?本稿完成日期/;
/** What only a cover has. */
const coverLine = new RegExp(`${coverField.source}|(学位|毕业)论文`);

export function setAsideNonArticle(document: Document, styles: WordStyles): NonArticle {
  const setAside: SetAside[] = [];
  const body = document.getElementsByTagName('w:body')[0];
  if (!body) return { setAside };
  for (const contents of findContents(body)) setAside.push({ what: 'table of contents', text: quote(contents.map(textOf).join(' '), 60) });
  for (const sdt of descendants(body, 'w:sdt')) {
    if (!sdt.parentNode || !child(child(sdt, 'w:sdtPr'), 'w:showingPlcHdr')) continue;
    setAside.push({ what: 'placeholder', text: quote(textOf(sdt), 40) });
    remove(sdt);
  }
  const cover = findCover(body);
  if (!cover) return { setAside };
  const coverTitle = largestLine(cover, styles);
  setAside.push({ what: 'cover page', text: quote(cover.map(textOf).filter(Boolean).join(' / '), 80) });
  for (const element of cover) remove(element);
  return { setAside, coverTitle };
}

/** The paragraphs (and content controls) of each TOC field, removed; returned for the report. */
function findContents(body: Element): Element[][] {
  const found: Element[][] = [];
  const gallery = (sdt: Element) => childValue(child(child(sdt, 'w:sdtPr'), 'w:docPartObj'), 'w:docPartGallery') ?? '';
  for (const sdt of descendants(body, 'w:sdt')) {
    if (sdt.parentNode && /table of contents/i.test(gallery(sdt))) {
      found.push([sdt]);
      remove(sdt);
    }
  }
  const paragraphs = descendants(body, 'w:p').filter((paragraph) => !ancestor(paragraph, 'w:txbxContent'));
  const open: { code: string; start: number }[] = [];
  const ranges: [number, number][] = [];
  paragraphs.forEach((paragraph, index) => {
    for (const item of descendants(paragraph, '*')) {
      if (item.tagName === 'w:fldChar') {
        const type = item.getAttribute('w:fldCharType');
        if (type === 'begin') open.push({ code: '', start: index });
        else if (type === 'end') {
          const field = open.pop();
          if (field && /^\s*TOC\b/i.test(field.code) && open.length === 0) ranges.push([field.start, index]);
        }
      } else if (item.tagName === 'w:instrText' && open.length > 0) open[open.length - 1].code += item.textContent ?? '';
    }
  });
  for (const [start, end] of ranges) {
    const range = paragraphs.slice(start, end + 1);
    const heading = paragraphs[start - 1];
    if (heading && contentsHeading.test(textOf(heading).replace(/\s+/g, ' ').trim())) range.unshift(heading);
    found.push(range);
    // The field's last paragraph may go on with text after the field's end; Word starts the body on a new one.
    for (const paragraph of range) remove(paragraph);
  }
  return found;
}

/** The first section's elements, when the file has more than one section and the first reads as a cover. */
function findCover(body: Element): Element[] | undefined {
  const elements = children(body).filter((element) => element.tagName !== 'w:sectPr');
  const end = elements.findIndex((element) => element.tagName === 'w:p' && child(child(element, 'w:pPr'), 'w:sectPr'));
  if (end < 0 || end === elements.length - 1) return undefined;
  const cover = elements.slice(0, end + 1);
  const lines = cover.flatMap((element) => (element.tagName === 'w:tbl' ? descendants(element, 'w:p') : [element])).map((element) => textOf(element).trim());
  const filled = lines.filter(Boolean);
  const rest = elements.slice(end + 1).filter((element) => textOf(element).trim() !== '');
  if (filled.length === 0 || filled.length > 60 || rest.length < 2) return undefined;
  const signals =
    cover.some(
      (element) => descendants(element, 'w:instrText').some((code) => /FORMTEXT/.test(code.textContent ?? '')) || descendants(element, 'w:sdt').length > 0,
    ) || filled.some((line) => coverCode.test(line) || coverLine.test(line));
  return signals ? cover : undefined;
}

/**
 * The cover's line in the largest type (not a code or a form's line), as the title; the lines right under it in the
 * same style and size go with it (`核电厂定期安全评价` / `第1部分：通用要求`).
 */
function largestLine(cover: Element[], styles: WordStyles): string | undefined {
  const paragraphs = cover.flatMap((element) => (element.tagName === 'w:p' ? [element] : descendants(element, 'w:p')));
  const lines = paragraphs.map((paragraph) => {
    const text = textOf(paragraph).replace(/\s+/g, ' ').trim();
    const styleId = childValue(child(paragraph, 'w:pPr'), 'w:pStyle');
    const style = styles.paragraph(styleId);
    const size = Math.max(0, ...textRuns(paragraph).map((run) => readRunFormatting(child(run, 'w:rPr'), style).size ?? style.size ?? 0));
    const candidate = text !== '' && !coverCode.test(text) && !coverField.test(text) && text.length <= 60 && /\p{Script=Han}.*\p{Script=Han}/u.test(text);
    return { text, size, styleId, candidate };
  });
  const largest = Math.max(-1, ...lines.filter((line) => line.candidate).map((line) => line.size));
  const first = lines.findIndex((line) => line.candidate && line.size === largest);
  if (first < 0) return undefined;
  let end = first + 1;
  while (lines[end]?.candidate && lines[end].size === largest && lines[end].styleId === lines[first].styleId) end++;
  return lines
    .slice(first, end)
    .map((line) => line.text)
    .join(' ');
}
