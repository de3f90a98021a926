/**
 * The one-page records the office files and hands on: the 发稿签 of an article (its 初审, 复审, 终审 with person and
 * time) and the 付印单 of an issue (every article's 终审, each proof round's steps, the sign-off). A Handlebars
 * template from templates/slips/, in the project's fonts (fonts.yaml, subset by embedFonts), printed to PDF by
 * Chromium in a tab that loads nothing but the document (printDocument).
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { findChrome } from '../chromium/findChrome.js';
import { closeBrowser, launchBrowser } from '../chromium/launchBrowser.js';
import { embedFonts } from '../fonts/embedFonts.js';
import { loadFonts } from '../fonts/loadFonts.js';
import { issueLabels } from '../manifest/issueLabels.js';
import { loadIssue } from '../manifest/loadIssue.js';
import { printDocument } from '../paginate/openDocument.js';
import { UserError } from '../UserError.js';
import { formatTime } from './http/renderView.js';
import { issueFolder } from './issueFolder.js';
import { readBuildRecord } from './IssueBuilds.js';
import { readRounds } from './proofRounds.js';
import { articleHashes, readRecords, reviewArticles, type Records, signOffInForce, stages } from './reviewRecords.js';

const slipsDir = new URL('../../templates/slips/', import.meta.url).pathname;
const actionNames = { round: '出校样', marked: '交回标注校样', accept: '接受校改', reject: '拒绝校改', apply: '核红' } as const;

function compileSlips() {
  const handlebars = Handlebars.create();
  handlebars.registerHelper('time', (value: unknown) => (typeof value === 'string' && value ? formatTime(value) : ''));
  const read = (name: string) => readFile(join(slipsDir, name), 'utf8');
  return { template: async (name: string) => handlebars.compile(await read(name), { strict: false }), style: () => read('slips.css') };
}
const slips = compileSlips();

/** 发稿签 (one article) when `article` is given, else the issue's 付印单; the PDF's bytes and its download name. */
export async function printReviewSlip(options: { root: string; issueId: string; chrome?: string; article?: string }): Promise<{ pdf: Uint8Array; name: string }> {
  const { root, issueId, article } = options;
  issueFolder(root, issueId);
  const issue = await loadIssue(root, issueId);
  const [records, hashes] = await Promise.all([readRecords(root, issueId), articleHashes(root, issueId)]);
  const reviews = new Map(reviewArticles(records, hashes).map((review) => [review.file, review]));
  const articles = issue.sections.flatMap((section) =>
    section.articles.map((item) => ({ section: section.title, file: basename(item.file), ...item.frontMatter, characters: [...item.body.replace(/\s/g, '')].length })),
  );
  const heading = { periodical: issue.periodical.title, label: issueLabels(issue.manifest).long, issueId, printedAt: new Date().toISOString() };
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
      date: issue.manifest.date,
      pageCount: (await readBuildRecord(root, issueId)).lastGood?.pageCount,
      articles: articles.map((item) => ({ ...item, review: reviews.get(item.file) })),
      rounds: await proofRoundRows(root, issueId, records),
      signOff,
      lastSignOff: signOff ? undefined : records.signOffs.at(-1),
    });
    name = `${issueId}-付印单.pdf`;
  }
  const fonts = await loadFonts(issue.fontsFile);
  const assets = await embedFonts(fonts, html);
  assets.set('slips.css', { body: await slips.style(), contentType: 'text/css' });
  const browser = await launchBrowser(findChrome(options.chrome));
  try {
    return { pdf: await printDocument(browser, { html, assets, warnings: [] }), name };
  } finally {
    await closeBrowser(browser);
  }
}

/** Each proof round with its steps in order: who made it, whose marks came back, who decided and applied what. */
export async function proofRoundRows(root: string, issueId: string, records: Records) {
  const rounds = await readRounds(root, issueId);
  return rounds.map((round) => ({
    ...round,
    steps: records.steps.filter((step) => step.round === round.round).map((step) => ({ ...step, action: actionNames[step.action] })),
  }));
}
