/**
 * The front matter of a manuscript, recognised from its first and last paragraphs rather than typed: the title
 * (the first paragraph, when it is centred, bold, larger than the body or styled Title; else when it is short and
 * ends without punctuation; else the file's name, with a warning to check it), a subtitle (a line starting
 * with ——), the authors (the next short line), a dateline (a bracketed date under a speech title), and the
 * affiliation (`（作者单位：……）` or `作者单位：` after the authors or at the end). Recognised paragraphs are removed
 * from the document; each guess comes with the reason, for the import report.
 */
import { basename } from 'node:path';
import { UserError } from '../UserError.js';
import type { DocxPackage } from './readDocx.js';
import { readRunFormatting, textRuns, type WordStyles } from './readStyles.js';
import { child, childValue, children, remove, textOf } from './wordXml.js';

export interface Recognised {
  value: string;
  /** Why this paragraph was taken for it. */
  reason: string;
  /** `sure` when the manuscript marks it (formatting, a label, a form); `unsure` guesses come with a warning to check. */
  confidence: 'sure' | 'unsure';
}

export interface RecognisedFrontMatter {
  title: Recognised;
  /** Set when the title was not formatted as one: what was taken instead, for the editor to check. */
  titleWarning?: string;
  /** Set when the authors were guessed from an unmarked line: what was taken, for the editor to check. */
  authorsWarning?: string;
  subtitle?: Recognised;
  authors?: Recognised & { names: string[] };
  dateline?: Recognised;
  affiliation?: Recognised;
}

interface BodyParagraph {
  element: Element;
  text: string;
  centred: boolean;
  bold: boolean;
  size?: number;
  styleName: string;
  /** Word shows it as a heading (an outline level, or a heading style). */
  heading: boolean;
}

const dateline = /^[（(]\s*\d{4}\s*年[^（）()]{0,20}[)）]$/;
const affiliation = /^[（(]?\s*作者单位\s*[：:]\s*(.+?)\s*[)）]?$/;
const authorLabel = /^(作者|文)\s*[：:／/]\s*/;
/** A section's number opening a heading: `1 `, `2.1 `, `第一章`, `一、`. */
const sectionNumber = /^(\d+(\.\d+)*[\s\u3000]|第[一二三四五六七八九十\d]+[章节部分篇]|[一二三四五六七八九十]+、)/u;
const headingLabel = /^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、．])/;

export function recogniseFrontMatter(docx: DocxPackage, styles: WordStyles, coverTitle?: string): RecognisedFrontMatter {
  const body = docx.parts.document.getElementsByTagName('w:body')[0];
  unwrapTitleTable(body);
  const paragraphs = children(body, 'w:p')
    .map((element) => describe(element, styles))
    .filter((paragraph) => paragraph.text !== '');
  // An attachment's label above the title (`附件1`, `大纲1`, short, not centred, smaller than the centred line under it)
  // stays in the body; the title is the line under it.
  const [label, second] = paragraphs;
  if (label && second && isLabelAboveTitle(label, second)) paragraphs.shift();
  const [first] = paragraphs;
  if (!first) throw new UserError('input', `${docx.file}: the document has no text; ask the author for the manuscript again`);
  const { title, titleWarning, fromFirst } = recogniseTitle(first, styles, docx.file, coverTitle);
  const found: RecognisedFrontMatter = { title, ...(titleWarning && { titleWarning }) };
  const taken: BodyParagraph[] = fromFirst ? [first] : [];
  // The paragraphs after the title (all of them when the title is the file's name).
  const rest = fromFirst ? paragraphs.slice(1) : paragraphs;
  let next = 0;
  if (rest[next] && /^(——|－－|--)/.test(rest[next].text)) {
    found.subtitle = { value: rest[next].text.replace(/^(－－|--)/, '——'), reason: 'the line under the title starts with ——', confidence: 'sure' };
    taken.push(rest[next++]);
  }
  const takeDateline = () => {
    if (!found.dateline && rest[next] && dateline.test(rest[next].text)) {
      found.dateline = { value: rest[next].text, reason: 'a bracketed date under the title', confidence: 'sure' };
      taken.push(rest[next++]);
    }
  };
  takeDateline();
  const candidate = rest[next];
  if (candidate && isAuthorLine(candidate, title.value)) {
    const line = candidate.text.replace(authorLabel, '');
    const marked = candidate.centred || authorLabel.test(candidate.text);
    found.authors = {
      value: candidate.text,
      names: splitAuthorNames(line),
      reason: `a short line under the title${candidate.centred ? ', centred' : ''}${authorLabel.test(candidate.text) ? ', labelled' : ''}`,
      confidence: marked ? 'sure' : 'unsure',
    };
    if (!marked)
      found.authorsWarning = `took the short line under the title, “${candidate.text}”, for the authors (it is neither centred nor labelled 作者); check them`;
    taken.push(rest[next++]);
  }
  takeDateline();
  const affiliationAfterAuthors = found.authors && rest[next] && affiliation.exec(rest[next].text);
  const last = rest.at(-1);
  const affiliationAtEnd = !affiliationAfterAuthors && last && rest.indexOf(last) >= next && affiliation.exec(last.text);
  if (affiliationAfterAuthors) {
    found.affiliation = { value: affiliationAfterAuthors[1], reason: 'the line under the authors starts with 作者单位', confidence: 'sure' };
    taken.push(rest[next++]);
  } else if (affiliationAtEnd) {
    found.affiliation = { value: affiliationAtEnd[1], reason: 'the last paragraph is （作者单位：…）', confidence: 'sure' };
    taken.push(last);
  }
  for (const paragraph of taken) remove(paragraph.element);
  return found;
}

/**
 * The title: the first paragraph when it is formatted as one (centred, bold, larger than the body or styled Title);
 * else, with a warning, when it reads as one (short, ending without punctuation: an author who typed the title
 * plain); else the file's name, the first paragraph left to the body. A manuscript is never refused for its title:
 * the import report and the warning say what was taken.
 */
function recogniseTitle(
  first: BodyParagraph,
  styles: WordStyles,
  file: string,
  coverTitle: string | undefined,
): Pick<RecognisedFrontMatter, 'title' | 'titleWarning'> & { fromFirst: boolean } {
  // A part's heading (前言, 摘要) or a code opens the body; the title is then the cover's, when there was a cover.
  const notTitle = partHeadings.test(first.text) || coverCode.test(first.text);
  if (coverTitle && (notTitle || first.heading)) {
    return {
      title: { value: coverTitle, reason: 'the largest line of the cover page (the cover is left out)', confidence: 'unsure' },
      titleWarning: `the title was taken from the cover page, “${coverTitle}”; check it in the article's front matter`,
      fromFirst: false,
    };
  }
  // A numbered heading of the body taken for the title stays in the body: it is also the first section's heading.
  if (first.heading && sectionNumber.test(first.text) && first.text.length <= 80) {
    return {
      title: { value: first.text, reason: 'the first heading (no paragraph is formatted as a title); the heading stays in the body', confidence: 'unsure' },
      titleWarning: `no paragraph is formatted as a title: took the first heading, ${JSON.stringify(first.text.slice(0, 30))}, and left it in the body; check the title`,
      fromFirst: false,
    };
  }
  const formatting = [
    /^(title|标题)$/i.test(first.styleName) && `styled ${first.styleName}`,
    first.centred && 'centred',
    first.bold && 'bold',
    first.size !== undefined && styles.bodySize !== undefined && first.size > styles.bodySize && `${first.size / 2} pt (body ${styles.bodySize / 2} pt)`,
  ].filter(Boolean);
  if (formatting.length > 0 && first.text.length <= 80 && !notTitle) {
    return { title: { value: first.text, reason: `first paragraph, ${formatting.join(', ')}`, confidence: 'sure' }, fromFirst: true };
  }
  const excerpt = JSON.stringify(first.text.slice(0, 30));
  if (first.text.length <= 40 && !/[。，、；;：:！？!?,.…]$/u.test(first.text) && !notTitle) {
    return {
      title: { value: first.text, reason: 'first paragraph, short and ending without punctuation (not formatted as a title)', confidence: 'unsure' },
      titleWarning: `no paragraph is formatted as a title: took the first, ${excerpt}; check the title in the article's front matter`,
      fromFirst: true,
    };
  }
  const name = basename(file).replace(/\.docx$/i, '');
  return {
    title: { value: name, reason: `the file's name: the first paragraph, ${excerpt}, reads as body text`, confidence: 'unsure' },
    titleWarning: `no title found (the first paragraph, ${excerpt}, reads as body text): took the file's name, "${name}"; set the title in the article's front matter`,
    fromFirst: false,
  };
}

function describe(element: Element, styles: WordStyles): BodyParagraph {
  const pPr = child(element, 'w:pPr');
  const style = styles.paragraph(childValue(pPr, 'w:pStyle'));
  const markFormatting = readRunFormatting(child(pPr, 'w:rPr'), style);
  const runs = textRuns(element).map((run) => readRunFormatting(child(run, 'w:rPr'), style));
  const jc = childValue(pPr, 'w:jc');
  const sizes = runs.map((run) => run.size).filter((size): size is number => size !== undefined);
  return {
    element,
    text: textOf(element)
      .replace(/\s+$/u, '')
      .replace(/^[\s\u3000]+/u, ''),
    centred: jc !== undefined ? jc === 'center' : Boolean(style.centred),
    bold: runs.length > 0 ? runs.every((run) => run.bold) : Boolean(markFormatting.bold),
    size: sizes.length > 0 ? Math.max(...sizes) : markFormatting.size,
    styleName: style.name,
    heading: isOutlineLevel(childValue(pPr, 'w:outlineLvl') ?? style.outlineLevel) || /^(heading|标题)\s*\d$/i.test(style.name),
  };
}

function isOutlineLevel(level: string | number | undefined): boolean {
  return level !== undefined && Number(level) >= 0 && Number(level) <= 8;
}

/** Words that head a part of a paper or a report, never a name. */
export const partHeadings =
  /^(摘\s*要|关\s*键\s*词|目\s*[录次]|前\s*言|引\s*言|序\s*言|绪\s*论|正\s*文|参考文献|致\s*谢|附\s*录|abstract|key\s*words|contents|preface|introduction)(?![a-z])/iu;
/** Classification and cover codes of standards and theses: ICS 27.120.99, F65, 中图分类号, UDC, 学校代码, 密级. */
export const coverCode = /^(ICS\s*[\d.]+|[A-Z]\s?\d{2}(\.\d+)?$|中图分类号|分类号|UDC|学校代码|单位代码|学\s*号|密\s*级|备案号|编\s*号[：:]|DOI|CLC)/iu;

/**
 * A title block typed in a one-column table (WPS's 编制说明 template, many forms): when the document opens with one,
 * its lines become the first paragraphs, where the title, subtitle and dateline are recognised as usual; what is not
 * front matter stays in the body as paragraphs.
 */
function unwrapTitleTable(body: Element): void {
  const first = children(body).find((element) => element.tagName === 'w:tbl' || (element.tagName === 'w:p' && textOf(element).trim() !== ''));
  if (first?.tagName !== 'w:tbl') return;
  const rows = children(first, 'w:tr');
  const cells = rows.flatMap((row) => children(row, 'w:tc'));
  const lines = cells.flatMap((cell) => children(cell, 'w:p')).filter((paragraph) => textOf(paragraph).trim() !== '');
  if (rows.length === 0 || rows.length > 8 || cells.length !== rows.length || lines.length === 0 || lines.some((line) => textOf(line).trim().length > 80))
    return;
  for (const paragraph of lines) body.insertBefore(paragraph, first);
  remove(first);
}

function isLabelAboveTitle(label: BodyParagraph, title: BodyParagraph): boolean {
  return [...label.text].length <= 6 && !label.centred && title.centred && (title.size ?? 0) > (label.size ?? 0) && title.text.length <= 80;
}

/** What a document calls itself under its title: never the authors. */
const documentKind = /^[（(]?(编制说明|说明|(征求意见|讨论|送审|报批)稿|工作报告|调研报告|实施方案|通知|决定|意见|讲话|发言|提纲)[)）]?$/u;

/** One name: up to five Han characters (·-joined for minority and foreign names), or a name in Latin letters. */
const personName = /^([\p{Script=Han}·•]{1,5}|\p{Script=Latin}[\p{Script=Latin}.\- ]*)$/u;

/** A line of names: short, no sentence punctuation, not a heading, a part's heading word or a code. */
function isAuthorLine(paragraph: BodyParagraph, title: string): boolean {
  const text = paragraph.text.replace(authorLabel, '');
  if (text.length === 0 || text.length > 40 || /[。；;：:！？!?“”]/.test(text) || headingLabel.test(text) || affiliation.test(paragraph.text)) return false;
  if (paragraph.heading || partHeadings.test(text) || coverCode.test(text) || documentKind.test(text) || sectionNumber.test(text)) return false;
  if (!splitAuthorNames(text).every((name) => personName.test(name))) return false;
  // A byline is shorter than the title it stands under.
  if (!authorLabel.test(paragraph.text) && text.replace(/[\s\u3000]/g, '').length > Math.max(title.length, 12)) return false;
  return paragraph.centred || authorLabel.test(paragraph.text) || text.replace(/[\s\u3000]/g, '').length <= 20;
}

/**
 * Names split on spaces, full-width spaces, 、 and ，; a two-character name padded to the width of three (`赵　明`)
 * arrives as two one-character pieces, which are joined again.
 */
export function splitAuthorNames(line: string): string[] {
  const names: string[] = [];
  for (const group of line.split(/[、，,；;]/)) {
    const pieces = group.split(/[\s\u3000]+/).filter(Boolean);
    for (let index = 0; index < pieces.length; index++) {
      const piece = pieces[index];
      const isSingle = (text: string | undefined) => text !== undefined && [...text].length === 1 && /\p{Script=Han}/u.test(text);
      if (isSingle(piece) && isSingle(pieces[index + 1])) names.push(piece + pieces[++index]);
      else names.push(piece);
    }
  }
  return names;
}
