/**
 * Stage 2: Issue → one HTML document for the whole issue, plus the stylesheets it loads (`fonts.css` and the
 * fonts come from embedFonts, Paged.js from the paginate stage).
 * Nothing here touches the browser or dist/: the result is data, served to Chromium by the paginate stage.
 */
import type { Asset, IssueDocument } from '../IssueDocument.js';
import { issueLabels } from '../manifest/issueLabels.js';
import type { Article, Issue } from '../manifest/loadIssue.js';
import type { MarkdownIt } from 'markdown-it';
import { createMarkdown, type MarkdownEnv } from './createMarkdown.js';
import { createTemplates, readTemplate } from './createTemplates.js';
import { themeColours } from '../manifest/themeColours.js';
import { readImages, type ReadImages } from './readImages.js';
import { allowedInlineTags } from './sortInlineHtml.js';
import { typeArea } from './typeArea.js';
import { combineUserErrors, UserError } from '../UserError.js';

/** The page may load only the build's own files; no inline script, no eval, nothing remote. */
export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

export async function renderIssueHtml(issue: Issue): Promise<IssueDocument> {
  const handlebars = await createTemplates(issue.templatesDir);
  const markdown = createMarkdown({ allowRawHtml: issue.periodical.allowRawHtml, linkFootnotes: issue.periodical.links === 'footnote' });
  const { periodical, manifest } = issue;
  const labels = issueLabels(manifest);
  const bodies = new Map<Article, ArticleBody>();
  const problems: UserError[] = [];
  for (const article of issue.sections.flatMap((section) => section.articles)) {
    try {
      bodies.set(article, await renderArticleBody(article, markdown, issue));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      problems.push(error);
    }
  }
  // Every article is rendered, so one build names every picture to mend in the issue.
  if (problems.length > 0) throw combineUserErrors(problems);
  const view = {
    csp: contentSecurityPolicy,
    documentTitle: `${periodical.title} ${labels.short}`,
    // fonts.css is linked apart, out of Paged.js's reach (templates/issue.hbs).
    stylesheets: ['page.css', 'issue.css'],
    // Served by the paginate stage, which owns Paged.js and paiban's page script (src/page/entries/paginate.ts); the
    // script's address asks for the line adjustment and the column filling.
    scripts: ['paged.js', periodical.typesetting.adjust ? 'paginate.js?adjust' : 'paginate.js'],
    periodical,
    issueLabel: labels.short,
    cumulativeLabel: labels.cumulative,
    imprint: [...periodical.imprint, ...manifest.imprint],
    sections: issue.sections.map((section) => ({
      title: section.title,
      articles: section.articles.map((article) => articleView(article, bodies.get(article)!.html)),
    })),
  };
  const pageCss = handlebars.compile(await readTemplate(issue.templatesDir, 'page.css.hbs'), { noEscape: true })({
    ...periodical,
    ...typeArea(periodical),
    runningHeadVerso: `${periodical.title}　${labels.short}`,
    themeColours: themeColours(periodical.colours),
  });
  const html = handlebars.compile(await readTemplate(issue.templatesDir, 'issue.hbs'), { strict: true })(view);
  const assets = new Map<string, Asset>([
    ['page.css', { body: pageCss, contentType: 'text/css' }],
    ['issue.css', { body: await readTemplate(issue.templatesDir, 'issue.css'), contentType: 'text/css' }],
    ...[...bodies.values()].flatMap((body) => [...body.images.assets]),
  ]);
  return { html, assets, warnings: [...bodies.values()].flatMap((body) => body.warnings) };
}

interface ArticleBody {
  html: string;
  images: ReadImages;
  warnings: string[];
}

async function renderArticleBody(article: Article, markdown: MarkdownIt, issue: Issue): Promise<ArticleBody> {
  const env: MarkdownEnv = { firstLine: article.bodyFirstLine, articleId: article.id, numberFigures: issue.periodical.figures.numbering };
  const html = markdown.render(article.body, env);
  const images = await readImages(article, env.images ?? [], issue.dir, issue.periodical.remoteImages);
  const kept = `raw HTML is off; only ${allowedInlineTags.join(', ')} without attributes are kept`;
  const escaped = (env.escapedHtml ?? []).map(({ line, tag }) => `${article.displayFile}:${line}: HTML tag ${tag} printed as text (${kept})`);
  return { html, images, warnings: [...images.warnings, ...escaped] };
}

function articleView(article: Article, bodyHtml: string) {
  const { frontMatter } = article;
  return {
    ...frontMatter,
    id: article.id,
    file: article.displayFile,
    section: article.section,
    contentsTitle: frontMatter.tocTitle ?? frontMatter.title,
    lines: article.frontMatterLines,
    bodyHtml,
  };
}
