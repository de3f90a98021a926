/**
 * One manuscript (.docx bytes) → one article: its Markdown with front matter, its pictures, and everything the
 * editor must know about how it was made. The .docx XML is mended first where mammoth falls short (tracked
 * changes, numbering labels, switched-off toggles, the front matter taken out), then mammoth converts the mended
 * package to HTML, which becomes Markdown blocks whose texts are cleaned. Nothing is written here.
 */
import mammoth from 'mammoth';
import { stringify } from 'yaml';
import { frontMatterSchema, type FrontMatter } from '../manifest/schemas.js';
import { UserError } from '../UserError.js';
import { applyStyleFormatting } from './applyStyleFormatting.js';
import { cleanManuscriptText, isTermLine, type CleaningChange, type CleaningOptions } from './cleanManuscriptText.js';
import { findUnsupportedContent, unwrapSimpleFields } from './findUnsupportedContent.js';
import { fixOffToggles } from './fixOffToggles.js';
import { htmlToMarkdown, type ManuscriptBlock } from './htmlToMarkdown.js';
import { labelNumberedParagraphs } from './labelNumberedParagraphs.js';
import { listComments, type ManuscriptComment } from './listComments.js';
import { markOutlineHeadings, outlineHeadingStyles } from './markOutlineHeadings.js';
import { setAsideNonArticle, type SetAside } from './setAsideNonArticle.js';
import { mapSymbolFonts, type SymbolMapping } from './mapSymbolFonts.js';
import { convertMetafile } from './convertMetafile.js';
import { readDocx } from './readDocx.js';
import { readStyles } from './readStyles.js';
import { recogniseFrontMatter, type RecognisedFrontMatter } from './recogniseFrontMatter.js';
import { resolveTrackedChanges, type TrackedChange } from './resolveTrackedChanges.js';
import { serializeXml } from './wordXml.js';

export interface ConvertOptions {
  acceptChanges: boolean;
  /** The article's file name without `.md`, chosen once the front matter is known (pictures are named after it). */
  nameArticle(frontMatter: RecognisedFrontMatter): string;
}

export interface ConvertedManuscript {
  file: string;
  /** e.g. `03-dushiquan`. */
  name: string;
  /** The article file's text: front matter and Markdown body. */
  text: string;
  images: { name: string; bytes: Buffer }[];
  frontMatter: RecognisedFrontMatter;
  cleaning: (CleaningChange & { block: string })[];
  warnings: string[];
  trackedChanges: TrackedChange[];
  comments: ManuscriptComment[];
  counts: Record<ManuscriptBlock['kind'], number>;
  /** Characters typed in Symbol or Wingdings, replaced by their Unicode characters. */
  symbols: SymbolMapping[];
  /** What is in the file but not the article (table of contents, placeholders, cover page), left out. */
  setAside: SetAside[];
  /** What would stop the build (a picture that cannot be converted): the import writes nothing while any is left. */
  problems: string[];
}

/** Word's own caption style (and its Chinese name) marks figure and table captions; outline levels mark headings. */
const styleMap = [
  "p[style-name='Caption'] => p.caption:fresh",
  "p[style-name='caption'] => p.caption:fresh",
  "p[style-name='题注'] => p.caption:fresh",
  ...outlineHeadingStyles,
];

export async function convertManuscript(file: string, bytes: Buffer, options: ConvertOptions): Promise<ConvertedManuscript> {
  const docx = await readDocx(file, bytes);
  const trackedChanges = resolveTrackedChanges(docx, options.acceptChanges);
  const comments = listComments(docx);
  const { document, footnotes, endnotes } = docx.parts;
  const styles = readStyles(docx.parts.styles);
  for (const part of [document, footnotes, endnotes]) {
    applyStyleFormatting(part, styles);
    fixOffToggles(part);
  }
  const symbols = mapSymbolFonts([document, footnotes, endnotes]);
  const { setAside, coverTitle } = setAsideNonArticle(document, styles);
  const warnings = findUnsupportedContent(document);
  unwrapSimpleFields(document);
  labelNumberedParagraphs(docx, styles);
  const frontMatter = recogniseFrontMatter(docx, styles, coverTitle);
  // Unsure guesses first: they are what the editor must look at before anything else.
  warnings.unshift(...[frontMatter.titleWarning, frontMatter.authorsWarning].filter((warning): warning is string => warning !== undefined));
  const name = options.nameArticle(frontMatter);
  markOutlineHeadings(document, styles);

  docx.zip.file(docx.documentPath, serializeXml(document));
  const folder = docx.documentPath.slice(0, docx.documentPath.lastIndexOf('/') + 1);
  if (footnotes) docx.zip.file(`${folder}footnotes.xml`, serializeXml(footnotes));
  if (endnotes) docx.zip.file(`${folder}endnotes.xml`, serializeXml(endnotes));
  const mended = await docx.zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });

  const images: ConvertedManuscript['images'] = [];
  const problems: string[] = [];
  const convertImage = mammoth.images.imgElement(async (image) => {
    const extension = imageExtension(image.contentType);
    const number = images.length + 1;
    const bytes = await image.readAsBuffer();
    if (extension === 'emf' || extension === 'wmf') {
      const converted = await convertMetafile(bytes, extension);
      if ('png' in converted) {
        const imageName = `${name}-${number}.png`;
        images.push({ name: imageName, bytes: converted.png });
        warnings.push(`picture ${imageName} was a Windows ${extension.toUpperCase()} drawing, converted to PNG: check it in the proof`);
        return { src: imageName };
      }
      problems.push(
        `picture ${number} is a Windows ${extension.toUpperCase()} drawing that could not be converted to PNG: ${converted.problem}; or ask the author for the picture as PNG or JPEG`,
      );
    } else if (!['png', 'jpg', 'gif', 'webp'].includes(extension)) {
      problems.push(
        `picture ${number} is ${image.contentType ?? 'of a type Word did not name'}, which the page cannot draw: ask the author for it as PNG or JPEG`,
      );
    }
    const imageName = `${name}-${number}.${extension}`;
    images.push({ name: imageName, bytes });
    return { src: imageName };
  });
  const result = await mammoth.convertToHtml({ buffer: mended }, { styleMap, convertImage, ignoreEmptyParagraphs: false });
  for (const message of result.messages) {
    // Unknown styles only mean "formatted as a plain paragraph", and equations were warned about with their place.
    // Metafiles are converted above.
    if (!/^Unrecognised (paragraph|run) style|ignored: \{[^}]*\/math\}oMath|^Image of type image\/x-[ew]mf/.test(message.message))
      warnings.push(`converter: ${message.message}`);
  }
  const conversion = htmlToMarkdown(result.value);
  warnings.push(...conversion.warnings);

  const cleaning: ConvertedManuscript['cleaning'] = [];
  const clean = (text: string, block: string, options: CleaningOptions = {}) => {
    const cleaned = cleanManuscriptText(text, options);
    cleaning.push(...cleaned.changes.map((change) => ({ ...change, block })));
    return cleaned.text;
  };
  const frontMatterText = renderFrontMatter(file, frontMatter, (text) => clean(text, 'front matter'));
  const blocks: string[] = [];
  const counts = { paragraph: 0, heading: 0, table: 0, figure: 0, list: 0, footnote: 0 };
  // A list of terms (缩略语: `PSR 定期安全评价`, one a paragraph) keeps the space between term and definition.
  const termLine = (index: number) => conversion.blocks[index]?.kind === 'paragraph' && isTermLine(conversion.blocks[index].texts[0].trim());
  conversion.blocks.forEach((block, index) => {
    const inTermList = termLine(index) && (termLine(index - 1) || termLine(index + 1));
    const texts = block.texts.map((text) => clean(text, `block ${index + 1} (${block.kind})`, { termLine: inTermList, heading: block.kind === 'heading' }));
    if (block.kind === 'paragraph' && texts[0] === '') {
      cleaning.push({ rule: 'empty paragraph dropped', before: '', after: '', block: `block ${index + 1} (paragraph)` });
      return;
    }
    counts[block.kind]++;
    blocks.push(block.render(texts));
  });
  if (blocks.length === 0) throw new UserError('input', `${file}: the document has a title but no text; ask the author for the whole manuscript`);
  return {
    file,
    name,
    text: `${frontMatterText}\n${blocks.join('\n\n')}\n`,
    images,
    frontMatter,
    cleaning,
    warnings,
    trackedChanges,
    comments,
    counts,
    symbols,
    setAside,
    problems,
  };
}

function imageExtension(contentType: string): string {
  const subtype = contentType.split('/')[1]?.toLowerCase() ?? 'bin';
  return { jpeg: 'jpg', 'svg+xml': 'svg', 'x-emf': 'emf', 'x-wmf': 'wmf' }[subtype] ?? subtype;
}

/** The front matter as the article file has it, checked against the schema the build will check it with. */
function renderFrontMatter(file: string, found: RecognisedFrontMatter, clean: (text: string) => string): string {
  const frontMatter: Partial<FrontMatter> = { title: clean(found.title.value) };
  if (found.subtitle) frontMatter.subtitle = clean(found.subtitle.value);
  if (found.dateline) frontMatter.dateline = clean(found.dateline.value);
  frontMatter.authors = found.authors?.names ?? [];
  if (found.affiliation) frontMatter.affiliation = clean(found.affiliation.value);
  const checked = frontMatterSchema.safeParse(frontMatter);
  if (!checked.success)
    throw new UserError('input', `${file}: the front matter found is not valid (${checked.error.issues[0].message}); check the title and author lines`);
  return `---\n${stringify(frontMatter, { lineWidth: 0 })}---\n`;
}
