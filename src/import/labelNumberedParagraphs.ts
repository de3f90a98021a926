/**
 * Word's automatic numbering: the labels `一、` `（一）` `1.` are not in the text but in numbering.xml, and mammoth
 * drops them (numbered paragraphs become bare list items). They are rebuilt here from the numbering definitions —
 * each level's format (chineseCounting, decimalEnclosedParen, …), start and `lvlText` — counted in document order,
 * and written into the paragraph as ordinary text; the paragraph is then no longer numbered, so mammoth keeps it a
 * paragraph (a heading or run-in head is recognised later from its label). Bullets stay lists.
 */
import type { DocxPackage } from './readDocx.js';
import type { WordStyles } from './readStyles.js';
import { child, childValue, children, descendants, textOf } from './wordXml.js';

interface Level {
  format: string;
  text: string;
  start: number;
  /** Legal numbering (w:isLgl): every number of the label in Arabic digits, `1.1` under a chapter `一`. */
  legal: boolean;
  /** What follows the label (w:suff): a tab (the default), a space, or nothing. */
  suffix: string;
  /** w:lvlRestart: the (1-based) level whose use restarts this one; 0 never; absent, any higher level. */
  restartAfter?: number;
}

interface NumberingInstance {
  /**
   * The abstract definition whose counters it shares: Word and LibreOffice both continue a list across instances
   * (LibreOffice writes a list's first paragraph with an instance that restarts it and the rest with another).
   */
  abstractId: string;
  levels: Map<number, Level>;
  /** Levels the instance restarts (w:startOverride) where it is first used. */
  restarts: Map<number, number>;
}

export function labelNumberedParagraphs(docx: DocxPackage, styles: WordStyles): void {
  const numbering = docx.parts.numbering;
  if (!numbering) return;
  const instances = readNumbering(numbering);
  const counters = new Map<string, number[]>();
  const used = new Set<NumberingInstance>();
  for (const paragraph of descendants(docx.parts.document, 'w:p')) {
    const existing = child(paragraph, 'w:pPr');
    const numPr = child(existing, 'w:numPr');
    const style = styles.paragraph(childValue(existing, 'w:pStyle'));
    const numId = childValue(numPr, 'w:numId') ?? style.numId;
    const instance = numId === undefined ? undefined : instances.get(numId);
    if (!instance) continue;
    const ilvl = Number(childValue(numPr, 'w:ilvl') ?? style.ilvl ?? 0);
    const level = instance.levels.get(ilvl);
    if (!level || level.format === 'bullet') continue;
    const counter = counters.get(instance.abstractId) ?? [];
    if (!used.has(instance)) {
      used.add(instance);
      for (const [restartLevel, start] of instance.restarts) {
        counter.length = Math.min(counter.length, restartLevel);
        counter[restartLevel] = start - 1;
      }
    }
    counter[ilvl] = counter[ilvl] === undefined ? level.start : counter[ilvl] + 1;
    // Deeper levels restart, unless their w:lvlRestart ties them to a higher level only (表%1-%5 under a chapter
    // numbering restarts per chapter, not per section) or to none (0).
    for (let deeper = ilvl + 1; deeper < counter.length; deeper++) {
      const restartAfter = instance.levels.get(deeper)?.restartAfter;
      if (restartAfter === undefined || (restartAfter > 0 && ilvl <= restartAfter - 1)) delete counter[deeper];
    }
    counters.set(instance.abstractId, counter);
    const number = level.text.replace(/%(\d)/g, (_, n: string) => {
      const index = Number(n) - 1;
      const at = instance.levels.get(index);
      return formatNumber(counter[index] ?? at?.start ?? 1, level.legal ? 'decimal' : (at?.format ?? 'decimal'));
    });
    // Word sets a tab (or a space) after the label; a label ending in a digit or letter (`1`, `3.1`, `第一章`) needs a
    // gap to stay apart from the text (`1　范围`, as standards print it), one ending in a mark (`一、`, `1.`) does not.
    const separated = level.suffix !== 'nothing' && /[\p{L}\p{N}]$/u.test(number);
    const label = separated ? `${number}\u3000` : number;
    const pPr = existing ?? paragraph.insertBefore(paragraph.ownerDocument.createElement('w:pPr'), paragraph.firstChild);
    // An empty numbered paragraph is counted, as Word counts it, but not printed as a bare label.
    if (textOf(paragraph).trim() !== '') insertLabel(paragraph, pPr, label);
    // numId 0 switches numbering off, also when it came from the paragraph's style.
    // With an ilvl too: mammoth reads a numPr without one as absent and numbers the paragraph by its style again.
    const off = paragraph.ownerDocument.createElement('w:numPr');
    for (const [name, value] of [
      ['w:ilvl', '0'],
      ['w:numId', '0'],
    ]) {
      const element = paragraph.ownerDocument.createElement(name);
      element.setAttribute('w:val', value);
      off.appendChild(element);
    }
    if (numPr) pPr.replaceChild(off, numPr);
    else pPr.appendChild(off);
  }
}

function readNumbering(numbering: Document): Map<string, NumberingInstance> {
  const abstracts = new Map<string, Map<number, Level>>();
  for (const abstract of descendants(numbering, 'w:abstractNum')) {
    const levels = new Map<number, Level>();
    for (const level of children(abstract, 'w:lvl')) levels.set(Number(level.getAttribute('w:ilvl')), readLevel(level));
    abstracts.set(abstract.getAttribute('w:abstractNumId') ?? '', levels);
  }
  const instances = new Map<string, NumberingInstance>();
  for (const num of descendants(numbering, 'w:num')) {
    const numId = num.getAttribute('w:numId') ?? '';
    const abstractId = childValue(num, 'w:abstractNumId') ?? '';
    const levels = new Map(abstracts.get(abstractId) ?? []);
    const restarts = new Map<number, number>();
    for (const override of children(num, 'w:lvlOverride')) {
      const ilvl = Number(override.getAttribute('w:ilvl'));
      const replacement = child(override, 'w:lvl');
      if (replacement) levels.set(ilvl, readLevel(replacement));
      // Only w:startOverride restarts: Word's templates give a second instance a replacement level (w:lvl) with no
      // restart, and its headings go on counting (1.1 under 第一章, not 0.1).
      const start = childValue(override, 'w:startOverride');
      if (start !== undefined) restarts.set(ilvl, Number(start));
    }
    instances.set(numId, { abstractId, levels, restarts });
  }
  return instances;
}

function readLevel(level: Element): Level {
  return {
    format: childValue(level, 'w:numFmt') ?? 'decimal',
    text: childValue(level, 'w:lvlText') ?? '',
    start: Number(childValue(level, 'w:start') ?? 1),
    legal: child(level, 'w:isLgl') !== undefined && !['0', 'false', 'off'].includes(childValue(level, 'w:isLgl') ?? ''),
    suffix: childValue(level, 'w:suff') ?? 'tab',
    restartAfter: childValue(level, 'w:lvlRestart') === undefined ? undefined : Number(childValue(level, 'w:lvlRestart')),
  };
}

/** The label goes in as the paragraph's first run, formatted like its first text run (a bold heading stays bold). */
function insertLabel(paragraph: Element, pPr: Element, label: string): void {
  const document = paragraph.ownerDocument;
  const run = document.createElement('w:r');
  const firstRun = descendants(paragraph, 'w:r')[0];
  const rPr = child(firstRun, 'w:rPr');
  if (rPr) run.appendChild(rPr.cloneNode(true));
  const text = document.createElement('w:t');
  text.setAttribute('xml:space', 'preserve');
  text.appendChild(document.createTextNode(label));
  run.appendChild(text);
  paragraph.insertBefore(run, pPr.nextSibling);
}

const chineseDigits = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 大写 digits, written where a number must not be altered (chineseLegalSimplified). */
const legalDigits: Record<string, string> = {
  〇: '零',
  一: '壹',
  二: '贰',
  三: '叁',
  四: '肆',
  五: '伍',
  六: '陆',
  七: '柒',
  八: '捌',
  九: '玖',
  十: '拾',
  百: '佰',
};
const heavenlyStems = '甲乙丙丁戊己庚辛壬癸';
const earthlyBranches = '子丑寅卯辰巳午未申酉戌亥';

/** A counter in one of Word's number formats (ECMA-376 17.18.59 ST_NumberFormat), the ones Chinese manuscripts use. */
export function formatNumber(value: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'ideographDigital':
      return format === 'ideographDigital' ? [...String(value)].map((digit) => chineseDigits[Number(digit)]).join('') : chineseCounting(value);
    case 'chineseLegalSimplified':
      return [...chineseCounting(value)].map((character) => legalDigits[character] ?? character).join('');
    case 'ideographTraditional':
      return heavenlyStems[(value - 1) % 10];
    case 'ideographZodiac':
      return earthlyBranches[(value - 1) % 12];
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return value >= 1 && value <= 20 ? String.fromCodePoint(0x2460 + value - 1) : String(value);
    case 'decimalEnclosedParen':
      return value >= 1 && value <= 20 ? String.fromCodePoint(0x2474 + value - 1) : `(${value})`;
    case 'decimalEnclosedFullstop':
      return value >= 1 && value <= 20 ? String.fromCodePoint(0x2488 + value - 1) : `${value}.`;
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return [...String(value)].map((digit) => String.fromCodePoint(0xff10 + Number(digit))).join('');
    case 'decimalZero':
      return String(value).padStart(2, '0');
    case 'lowerLetter':
    case 'upperLetter': {
      const letter = String.fromCharCode(97 + ((value - 1) % 26)).repeat(Math.floor((value - 1) / 26) + 1);
      return format === 'upperLetter' ? letter.toUpperCase() : letter;
    }
    case 'lowerRoman':
    case 'upperRoman': {
      const roman = toRoman(value);
      return format === 'lowerRoman' ? roman.toLowerCase() : roman;
    }
    case 'none':
      return '';
    default:
      return String(value);
  }
}

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五. */
function chineseCounting(value: number): string {
  if (value < 10) return chineseDigits[value];
  if (value < 20) return `十${value % 10 ? chineseDigits[value % 10] : ''}`;
  if (value < 100) return `${chineseDigits[Math.floor(value / 10)]}十${value % 10 ? chineseDigits[value % 10] : ''}`;
  if (value < 1000) {
    const rest = value % 100;
    const tail = rest === 0 ? '' : rest < 10 ? `零${chineseDigits[rest]}` : rest < 20 ? `一${chineseCounting(rest)}` : chineseCounting(rest);
    return `${chineseDigits[Math.floor(value / 100)]}百${tail}`;
  }
  return String(value);
}

function toRoman(value: number): string {
  const numerals: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let rest = value;
  let text = '';
  for (const [amount, numeral] of numerals) {
    while (rest >= amount) {
      text += numeral;
      rest -= amount;
    }
  }
  return text;
}
