/**
 * The one-page records the office files and hands on: the 发稿签 of an article (its 初审, 复审, 终审 with person and
 * time) and the 付印单 of an issue (every article's 终审, each proof round's steps, the sign-off). A Handlebars
 * template from templates/slips/, in the project's fonts (fonts.yaml, subset by embedFonts), printed to PDF by
 * Chromium in a tab that loads nothing but the document (printDocument).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { findChrome } from '../chromium/findChrome.js';
import { closeBrowser, launchBrowser } from '../chromium/launchBrowser.js';
import { embedFonts } from '../fonts/embedFonts.js';
import { loadFonts } from '../fonts/loadFonts.js';
import { displayPath } from '../manifest/displayPath.js';
import { parseYamlWithSchema } from '../manifest/parseYamlWithSchema.js';
import { readSourceFile } from '../manifest/readSourceFile.js';
import { periodicalSchema } from '../manifest/schemas.js';
import { splitFrontMatter } from '../manifest/splitFrontMatter.js';
import { printDocument } from '../paginate/openDocument.js';
import { outputPaths } from '../outputPaths.js';
import { UserError } from '../UserError.js';
import { formatTime } from './http/renderView.js';
import { articlePath, issueFolder } from './issueFolder.js';
import { readPlan } from './issuePlan.js';
import { readBuiltLayout } from './readBuiltLayout.js';
import { readRounds } from './proofRounds.js';
import { articleHashes, readRecords, reviewArticles, type Records, signOffInForce, stages } from './reviewRecords.js';

const slipsDir = new URL('../../templates/slips/', import.meta.url).pathname;
const actionNames = { round: '出校样', marked: '交回标注校样', accept: '接受', reject: '拒绝', apply: '核红' } as const;

function compileSlips() {
  const handlebars = Handlebars.create();
  handlebars.registerHelper('time', (value: unknown) => (typeof value === 'string' && value ? formatTime(value) : ''));
  const read = (name: string) => readFile(join(slipsDir, name), 'utf8');
  return { template: async (name: string) => handlebars.compile(await read(name), { strict: false }), style: () => read('slips.css') };
}
const slips = compileSlips();

/** 发稿签 (one article) when `article` is given, else the issue's 付印单; the PDF's bytes and its download name. */
export async function printReviewSlip(options: {
  root: string;
  issueId: string;
  chrome?: string;
  article?: string;
}): Promise<{ pdf: Uint8Array; name: string }> {
  const { root, issueId, article } = options;
  issueFolder(root, issueId);
  // The plan, not the build's loader: a record is printed also while an article does not build (it names the problem).
  const [periodical, plan, records, hashes] = await Promise.all([
    readPeriodical(root),
    readPlan(root, issueId),
    readRecords(root, issueId),
    articleHashes(root, issueId),
  ]);
  const reviews = new Map(reviewArticles(records, hashes).map((review) => [review.file, review]));
  const articles = await Promise.all(
    plan.sections.flatMap((section) =>
      section.articles.map(async (item) => ({ section: section.title, ...item, characters: await countCharacters(root, issueId, item.file) })),
    ),
  );
  const label = plan.year ? `${plan.year}年第${plan.number}期` : issueId;
  const heading = { periodical: periodical.title, label, issueId, printedAt: new Date().toISOString() };
  let html: string;
  let name: string;
  if (article) {
    const found = articles.find((item) => item.file === article);
    if (!found) throw new UserError('input', `本期没有文章 ${article}`);
    const review = reviews.get(article)!;
    const rows = stages.map((stage) => ({ stage, pass: review.passes[stage] }));
    html = (await slips.template('article-slip.hbs'))({ ...heading, article: found, rows, review });
    name = `${issueId}-${article.replace(/\.md$/, '')}-发稿签.pdf`;
  } else {
    const signOff = signOffInForce(records, hashes);
    html = (await slips.template('print-order.hbs'))({
      ...heading,
      date: plan.date,
      pageCount: (await readBuiltLayout(root, issueId))?.pageCount,
      articles: articles.map((item) => ({ ...item, review: reviews.get(item.file) })),
      rounds: await proofRoundRows(root, issueId, records),
      pressFiles: await describePressFiles(root, issueId),
      signOff,
      lastSignOff: signOff ? undefined : records.signOffs.at(-1),
    });
    name = `${issueId}-付印单.pdf`;
  }
  const fonts = await loadFonts(resolve(root, periodical.fonts));
  const assets = await embedFonts(fonts, html);
  assets.set('slips.css', { body: await slips.style(), contentType: 'text/css' });
  const browser = await launchBrowser(findChrome(options.chrome));
  try {
    return { pdf: await printDocument(browser, { html, assets, warnings: [] }), name };
  } finally {
    await closeBrowser(browser);
  }
}

async function readPeriodical(root: string) {
  const file = join(root, 'periodical.yaml');
  const text = await readSourceFile(file, 'periodical settings', 'create periodical.yaml in the project folder');
  return parseYamlWithSchema({ text, file: displayPath(file) }, periodicalSchema);
}

/** The article's characters without spaces and front matter, as a 发稿签 counts 字数; undefined when it cannot be read. */
async function countCharacters(root: string, issueId: string, file: string): Promise<number | undefined> {
  try {
    const { body } = splitFrontMatter(await readFile(articlePath(root, issueId, file), 'utf8'), file);
    return [...body.replace(/\s/g, '')].length;
  } catch {
    return undefined;
  }
}

/** The press PDFs as they are now, with their SHA-256: what the printer takes can be checked against the 付印单. */
async function describePressFiles(root: string, issueId: string) {
  const paths = outputPaths({ root, issueId });
  const files = await Promise.all(
    [paths.press, paths.coverPress].map(async (path) => {
      const bytes = await readFile(path).catch(() => undefined);
      return bytes && { name: basename(path), size: `${(bytes.length / 1024 / 1024).toFixed(1)} MB`, sha256: createHash('sha256').update(bytes).digest('hex') };
    }),
  );
  return files.filter(Boolean);
}

/** Each proof round with its steps in order: who made it, whose marks came back, who decided and applied what. */
export async function proofRoundRows(root: string, issueId: string, records: Records) {
  const rounds = await readRounds(root, issueId);
  return rounds.map((round) => ({
    ...round,
    steps: records.steps.filter((step) => step.round === round.round).map((step) => ({ ...step, action: actionNames[step.action] })),
  }));
}
