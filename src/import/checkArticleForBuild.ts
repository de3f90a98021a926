/**
 * An import that succeeds is an article that builds: before anything is written, each converted manuscript is read
 * as the build will read it and passes the build's own checks — its front matter against the schema, every
 * character against the faces that will draw it (the build's font coverage check), every picture in a format the
 * page can draw and referenced by the text (none extracted and left behind). Each problem names the manuscript,
 * the article file and line it would be (`articleFile`, as shown) and the text around it, and says what to do.
 */
import type { FontSet } from '../fonts/loadFonts.js';
import { findArticleUncoveredCharacters } from '../fonts/checkFontCoverage.js';
import { parseArticle } from '../manifest/loadIssue.js';
import { imageType } from '../render/readImages.js';
import { formatLocation, UserError } from '../UserError.js';
import type { ConvertedManuscript } from './convertManuscript.js';

export function checkArticleForBuild(manuscript: ConvertedManuscript, articleFile: string, fonts: FontSet | undefined): UserError[] {
  const located = (message: string, line?: number, kind: 'input' | 'font' = 'input') =>
    new UserError(kind, `${formatLocation({ file: articleFile, line })}: ${message}`, { location: { file: manuscript.file } });
  const problems = manuscript.problems.map((problem) => located(problem));
  let article: ReturnType<typeof parseArticle>;
  try {
    article = parseArticle(manuscript.text, articleFile, articleFile, 'a1-1', '');
  } catch (error) {
    if (error instanceof UserError) return [...problems, located(error.message)];
    throw error;
  }
  const lines = manuscript.text.split('\n');
  for (const error of fonts ? findArticleUncoveredCharacters(article, fonts) : []) {
    const line = error.location?.line;
    const message = error.message.slice(formatLocation(error.location!).length + 2);
    const character = /“(.+?)”/u.exec(message)?.[1] ?? '';
    const near = line === undefined ? '' : nearText(lines[line - 1], character);
    const [what, ...advice] = message.split('; ');
    problems.push(located([what + near, ...advice].join('; '), line, 'font'));
  }
  for (const image of manuscript.images) {
    if (manuscript.problems.some((problem) => problem.startsWith(`picture ${manuscript.images.indexOf(image) + 1} `))) continue;
    if (!imageType(image.bytes)) problems.push(located(`picture ${image.name} is not a PNG, JPEG, GIF or WebP file: ask the author for it as PNG or JPEG`));
    if (!manuscript.text.includes(`](${image.name})`))
      problems.push(
        located(`picture ${image.name} was taken from the manuscript but has no place in the article (a bug of the import: report it, with the manuscript)`),
      );
  }
  return problems;
}

/** ` in “…text around…”`, so the editor finds the place in the manuscript. */
function nearText(line: string | undefined, character: string): string {
  if (!line) return '';
  const at = Math.max(0, line.indexOf(character));
  const start = Math.max(0, at - 12);
  const text = line.slice(start, at + character.length + 12).replace(/\s+/g, ' ');
  return ` in “${start > 0 ? '…' : ''}${text}${at + character.length + 12 < line.length ? '…' : ''}”`;
}
