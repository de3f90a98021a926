import { UserError } from '../UserError.js';

export interface SplitArticle {
  frontMatter: string;
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyFirstLine: number;
}

/** Splits `---\n<yaml>\n---\n<markdown>` (a leading BOM is tolerated: authors' editors add one). */
export function splitFrontMatter(text: string, file: string): SplitArticle {
  const source = text.replace(/^\uFEFF/, '');
  const lines = source.split('\n');
  if (lines[0]?.trim() !== '---') {
    throw new UserError('input', 'the article must start with front matter: a line "---", title/authors in YAML, then "---"', {
      location: { file, line: 1, column: 1 },
    });
  }
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (end < 0) {
    throw new UserError('input', 'front matter is not closed: add a line "---" after it', { location: { file, line: 1, column: 1 } });
  }
  return {
    frontMatter: lines.slice(1, end).join('\n'),
    body: lines.slice(end + 1).join('\n'),
    bodyFirstLine: end + 2,
  };
}
