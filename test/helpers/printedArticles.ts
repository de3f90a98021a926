/** Locating articles in a built PDF's page texts, shared by the end-to-end tests. */
import { hanCharacters, type IssueArticle } from './readIssueText.js';
import { squeeze } from './pdfTools.js';

/** Page (1-based) on which the article title is printed, after the front pages. */
export function titlePage(pages: string[], title: string, frontPages = 2): number {
  return pages.findIndex((text, index) => index >= frontPages && squeeze(text).includes(squeeze(title))) + 1;
}

/**
 * The Han characters printed on an article's pages, running heads removed: from its title page up to the page
 * before the next article's.
 */
export function printedHan(pages: string[], articles: IssueArticle[], index: number, versoHead: string): string {
  const start = titlePage(pages, articles[index].frontMatter.title);
  const end = index + 1 < articles.length ? titlePage(pages, articles[index + 1].frontMatter.title) - 1 : pages.length;
  const heads = new RegExp(`^(${squeeze(versoHead)}|${articles[index].section})`);
  return hanCharacters(
    pages
      .slice(start - 1, end)
      .map((text) => squeeze(text).replace(heads, ''))
      .join(''),
  );
}

/** The page number the contents page prints for an article: its entry reads title, authors, page. */
export function contentsPage(contentsText: string, article: IssueArticle): number | undefined {
  const escape = (text: string) => squeeze(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const entry = escape(article.frontMatter.tocTitle ?? article.frontMatter.title) + escape((article.frontMatter.authors ?? []).join(''));
  const match = new RegExp(`${entry}(\\d+)`).exec(squeeze(contentsText));
  return match ? Number(match[1]) : undefined;
}
