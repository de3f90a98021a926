/**
 * npm run compare-pages: the density report of issue 2024-4. Builds the issue and prints, per article, the page it
 * started on in the printed magazine (the contents list at the top of the source text) beside ours.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIssue } from '../src/buildIssue.js';

const source = readFileSync('issues/2024-4/source/2024-4.txt', 'utf8');
// The printed contents list: lines "03 title" or "- 32 title", before the first article.
const contents = source.slice(source.indexOf('目录'), source.indexOf('山东省人大工作理论研究会 召开'));
const printed = [...contents.matchAll(/^(?:- )?(\d{2}) /gm)].map((match) => Number(match[1]));

const silent = { stage() {}, progress() {}, warn() {} };
const result = await buildIssue({
  root: '.',
  issueId: '2024-4',
  out: join(mkdtempSync(join(tmpdir(), 'paiban-pages-')), '2024-4.pdf'),
  timeoutMs: 300_000,
  reporter: silent,
});
console.log('| article | printed start page | our start page | difference |');
console.log('|---|---|---|---|');
result.articles.forEach((article, index) => {
  const difference = article.startPage - printed[index];
  console.log(
    `| ${article.file.replace(/^issues\/2024-4\//, '')} | ${printed[index]} | ${article.startPage} | ${difference === 0 ? '0' : difference > 0 ? `+${difference}` : difference} |`,
  );
});
const matching = result.articles.filter((article, index) => article.startPage === printed[index]).length;
console.log(`\n${matching} of ${result.articles.length} start pages as printed; ${result.pageCount} pages in all.`);
