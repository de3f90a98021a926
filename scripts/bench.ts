/**
 * npm run bench [-- --runs 5] [-- --builds-only]
 *
 * Three cases, each beside Chromium's own page.pdf() of the same HTML and fonts without Paged.js (the lower
 * bound of any HTML-to-PDF route: run in this process, its modules already loaded, browser start included) and
 * beside pagedjs-cli on the same HTML (a process), measured in the same run with the runs interleaved so machine
 * noise hits all alike:
 *   cold    build-issue 2024-4 as a new process with an empty font cache (Node start, imports, browser start),
 *           and again with the font subsets cached (the same text built before), and with typesetting.adjust off
 *           (what the line adjustment costs);
 *   warm    the --watch rebuild after a one-paragraph edit (browser kept);
 *   volume  a synthetic yearly volume: four copies of 2024-4 in one issue (time per page should not grow).
 * The cold and volume builds run with --jobs 1 (the whole pagination), 2 and 4, and report the speed-up per core.
 * --builds-only leaves out the warm rebuild, the import and read-proof.
 * And the import of 18 Word manuscripts of 2024-4's size into a new issue (scripts/benchImport.ts; target < 2 s).
 * And read-proof reading the marks of 2024-4's proof, as a new process (no peers; the target is under 2 s).
 * And the desk (scripts/benchDesk.ts): the issue plan's first page and a rebuild from the button to the pages shown,
 * seen from a browser, as ratios against build-issue's cold build of 2024-4 (--jobs 1) in the same run.
 * And the desk under load (scripts/benchDeskLoad.ts): ten people browsing and uploading marked proofs while two builds
 * run, on loopback; errors, marks lost, and the page latency's 95th percentile beside the idle desk's in the same run.
 * Peak memory is the largest resident size of the process tree (node + Chromium) sampled every 50 ms.
 * Reports medians and ratios, never absolute targets.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { closeBrowser, launchBrowser } from '../src/chromium/launchBrowser.js';
import { findChrome } from '../src/chromium/findChrome.js';
import { run } from '../src/cli/buildIssueCli.js';
import { openDocument } from '../src/paginate/openDocument.js';
import { prepareIssue } from '../src/prepareIssue.js';
import type { IssueDocument } from '../src/IssueDocument.js';
import type { TypographyReport } from '../src/check/checkTypography.js';
import { benchDesk } from './benchDesk.js';
import { benchDeskLoad } from './benchDeskLoad.js';
import { benchImport } from './benchImport.js';
import { markProof } from './markProof.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, 'builds-only': { type: 'boolean', default: false } } });
const runs = Number(values.runs);
const buildsOnly = values['builds-only'];
const repository = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'paiban-bench-'));
const chrome = findChrome();

/** A project folder with issue 2024-4 and a synthetic volume of four copies of it; `settings` added to periodical.yaml. */
function makeBenchProject(name: string, extraSettings = ''): string {
  const root = join(work, name);
  mkdirSync(join(root, 'issues'), { recursive: true });
  cpSync(join(repository, 'issues', '2024-4'), join(root, 'issues', '2024-4'), { recursive: true });
  const settings = readFileSync(join(repository, 'periodical.yaml'), 'utf8');
  writeFileSync(
    join(root, 'periodical.yaml'),
    `${settings}\nfonts: ${join(repository, 'fonts', 'fonts.yaml')}\ntemplates: ${join(repository, 'templates')}\n${extraSettings}`,
  );
  const volume = join(root, 'issues', 'volume');
  mkdirSync(volume);
  const manifest = readFileSync(join(root, 'issues', '2024-4', 'issue.yaml'), 'utf8');
  const articles = readdirSync(join(root, 'issues', '2024-4')).filter((name) => name.endsWith('.md') && name !== 'NOTES.md');
  const sections: string[] = [];
  for (let copy = 1; copy <= 4; copy++) {
    for (const name of articles) cpSync(join(root, 'issues', '2024-4', name), join(volume, `${copy}-${name}`));
    sections.push(`  - title: 第${copy}期\n    articles:\n${articles.map((name) => `      - ${copy}-${name}`).join('\n')}`);
  }
  writeFileSync(join(volume, 'issue.yaml'), `${manifest.slice(0, manifest.indexOf('sections:'))}sections:\n${sections.join('\n')}\n`);
  return root;
}

/** Largest resident memory of this process and its descendants (Chromium) while `work` runs, in MB. */
async function withPeakMemory<T>(work: () => Promise<T>, rootPid = process.pid): Promise<{ value: T; peakMb: number }> {
  let peak = 0;
  const sample = () => {
    const parents = new Map<number, number>();
    const rss = new Map<number, number>();
    for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        parents.set(Number(entry), Number(fields[1]));
        rss.set(Number(entry), Number(fields[21]) * 4096);
      } catch {
        // the process ended while we looked
      }
    }
    const inTree = (pid: number): boolean => pid === rootPid || (parents.has(pid) && pid !== 1 && inTree(parents.get(pid)!));
    const total = [...rss].filter(([pid]) => inTree(pid)).reduce((sum, [, bytes]) => sum + bytes, 0);
    peak = Math.max(peak, total);
  };
  const timer = setInterval(sample, 50);
  try {
    const value = await work();
    sample();
    return { value, peakMb: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

interface Measure {
  seconds: number;
  peakMb: number;
  pages?: number;
  /** The line adjustment's time in the page (check.json's adjustments): before pagination, and filling the columns. */
  adjustSeconds?: { lines: number; columns: number };
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; peakMb: number }> {
  const started = performance.now();
  const { value, peakMb } = await withPeakMemory(work);
  return { value, seconds: (performance.now() - started) / 1000, peakMb };
}

/**
 * build-issue as the office runs it: a new process (Node start and imports included), with an empty font cache
 * unless given one (a build of text already built: the subsets are cached).
 */
async function paibanCold(root: string, issueId: string, jobs: number, fontCache = mkdtempSync(join(work, 'fonts-'))): Promise<Measure> {
  const out = join(work, `${issueId}.pdf`);
  const measure = await runProcess(
    process.execPath,
    [join(repository, 'bin', 'build-issue.js'), issueId, '--root', root, '--out', out, '--jobs', String(jobs)],
    {
      PAIBAN_CACHE_DIR: fontCache,
    },
  );
  const pages = /(\d+) pages in/.exec(measure.stderr)?.[1];
  const { adjustments } = JSON.parse(readFileSync(join(work, `${issueId}.check.json`), 'utf8')) as TypographyReport;
  const adjustSeconds = adjustments && { lines: adjustments.lineSeconds, columns: adjustments.columnSeconds };
  return { seconds: measure.seconds, peakMb: measure.peakMb, pages: Number(pages), adjustSeconds };
}

/** Runs a command to its end, timing it and sampling the memory of its process tree. */
async function runProcess(command: string, args: string[], env: Record<string, string> = {}): Promise<Measure & { stderr: string }> {
  const started = performance.now();
  let stderr = '';
  const child = execFile(command, args, { env: { ...process.env, ...env } });
  child.stderr?.on('data', (chunk: string) => (stderr += chunk));
  const { peakMb } = await withPeakMemory(
    () =>
      new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited ${code}: ${stderr}`))))),
    child.pid,
  );
  return { seconds: (performance.now() - started) / 1000, peakMb, stderr };
}

/** The document as build-issue hands it to Chromium, for the two peers. */
async function documentOf(root: string, issueId: string): Promise<IssueDocument> {
  return (await prepareIssue({ root, issueId, warn: () => undefined })).document;
}

async function plainChromium(root: string, issueId: string): Promise<Measure> {
  return timed(async () => {
    const browser = await launchBrowser(chrome);
    try {
      const document = await documentOf(root, issueId);
      const html = document.html.replace(/<script src="paged[^"]*"><\/script>\n?/g, '');
      const { page } = await openDocument(browser, { ...document, html });
      await page.evaluate('document.fonts.ready');
      await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: 0 });
    } finally {
      await closeBrowser(browser);
    }
  });
}

/** pagedjs-cli on the same HTML and files, written to a folder (it reads files, and injects its own Paged.js). */
async function pagedjsCli(root: string, issueId: string): Promise<Measure> {
  const document = await documentOf(root, issueId);
  const folder = mkdtempSync(join(work, 'pagedjs-cli-'));
  writeFileSync(
    join(folder, 'index.html'),
    document.html.replace(/<script src="paged[^"]*"><\/script>\n?/g, '').replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
  );
  for (const [path, asset] of document.assets) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), asset.body);
  }
  return runProcess(
    join(repository, 'node_modules', '.bin', 'pagedjs-cli'),
    [join(folder, 'index.html'), '-o', join(folder, 'out.pdf'), '--browserArgs', '--no-sandbox,--disable-gpu,--disable-background-networking'],
    {
      PUPPETEER_EXECUTABLE_PATH: chrome,
    },
  );
}

/** The --watch rebuild after a one-paragraph edit, as the editor sees it ("rebuilt: … in N s"). */
async function paibanWarmRebuilds(root: string, count: number): Promise<Measure[]> {
  let stderr = '';
  const controller = new AbortController();
  const watching = run(['2024-4', '--root', root, '--watch', '--port', '0'], {
    stdout: { write: () => true },
    stderr: { write: (text: string) => (stderr += text) },
    signal: controller.signal,
  });
  const rebuilds = () => [...stderr.matchAll(/rebuilt: (\d+) pages in ([\d.]+) s/g)];
  const waitForRebuild = async (n: number) => {
    while (rebuilds().length < n) await new Promise((resolve) => setTimeout(resolve, 20));
  };
  const measures: Measure[] = [];
  try {
    await waitForRebuild(1);
    const file = join(root, 'issues', '2024-4', '05-zibo-zhidu-jianshe.md');
    const original = readFileSync(file, 'utf8');
    for (let index = 0; index < count; index++) {
      const started = performance.now();
      writeFileSync(file, original.replace('。', index % 2 === 0 ? '。（修改）' : '。'));
      const { peakMb } = await withPeakMemory(() => waitForRebuild(index + 2));
      measures.push({ seconds: (performance.now() - started) / 1000, peakMb, pages: Number(rebuilds().at(-1)![1]) });
    }
    writeFileSync(file, original);
  } finally {
    controller.abort();
    await watching;
  }
  return measures;
}

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];

const root = makeBenchProject('project');
/** The same project with the line adjustment off: what it costs, measured in the same run. */
const unadjustedRoot = makeBenchProject('unadjusted', 'typesetting:\n  adjust: false\n');
const table: string[] = [
  '| case | paiban s | pages | s/page | Chromium page.pdf() s | pagedjs-cli s | paiban ÷ page.pdf() | paiban ÷ pagedjs-cli | peak MB paiban / page.pdf() / pagedjs-cli |',
  '|---|---|---|---|---|---|---|---|---|',
];
const row = (name: string, ours: Measure[], plain: Measure[], cli: Measure[]) => {
  const [o, p, c] = [median(ours.map((m) => m.seconds)), median(plain.map((m) => m.seconds)), median(cli.map((m) => m.seconds))];
  const pages = ours[0].pages ?? 0;
  const memory = [ours, plain, cli].map((measures) => Math.max(...measures.map((m) => m.peakMb)).toFixed(0)).join(' / ');
  table.push(
    `| ${name} | ${o.toFixed(2)} | ${pages} | ${(o / pages).toFixed(3)} | ${p.toFixed(2)} | ${c.toFixed(2)} | ${(o / p).toFixed(2)} | ${(o / c).toFixed(2)} | ${memory} |`,
  );
};

/** build-issue --jobs N (1 is the whole pagination); the default is the CPU count, at most 4. */
const jobCounts = [1, 2, 4];
const speedups: string[] = [];
/** build-issue's cold build of 2024-4 (--jobs 1), the desk's yardstick. */
let cliBuild = 0;
for (const [name, issueId] of [
  ['cold build 2024-4', '2024-4'],
  ['volume (4 × 2024-4)', 'volume'],
] as const) {
  const ours = new Map(jobCounts.map((jobs) => [jobs, [] as Measure[]]));
  const cached: Measure[] = [];
  const unadjusted: Measure[] = [];
  const plain: Measure[] = [];
  const cli: Measure[] = [];
  const fontCache = mkdtempSync(join(work, 'fonts-'));
  await paibanCold(root, issueId, 2, fontCache);
  for (let index = 0; index < runs; index++) {
    // A fresh cache each time: no font subsets and no page counts of an earlier build to guess the sides from.
    for (const jobs of jobCounts) ours.get(jobs)!.push(await paibanCold(root, issueId, jobs));
    if (issueId === '2024-4') cached.push(await paibanCold(root, issueId, 2, fontCache));
    if (issueId === '2024-4') unadjusted.push(await paibanCold(unadjustedRoot, issueId, 1));
    plain.push(await plainChromium(root, issueId));
    cli.push(await pagedjsCli(root, issueId));
    const times = jobCounts.map((jobs) => `--jobs ${jobs} ${ours.get(jobs)!.at(-1)!.seconds.toFixed(2)} s`).join(', ');
    process.stderr.write(
      `${name} run ${index + 1}/${runs}: paiban ${times} (fonts cached ${cached.at(-1)?.seconds.toFixed(2) ?? '-'} s), page.pdf() ${plain.at(-1)!.seconds.toFixed(2)} s, pagedjs-cli ${cli.at(-1)!.seconds.toFixed(2)} s\n`,
    );
  }
  for (const jobs of jobCounts) row(`${name}, --jobs ${jobs}`, ours.get(jobs)!, plain, cli);
  if (issueId === '2024-4') cliBuild = median(ours.get(1)!.map((m) => m.seconds));
  const serial = median(ours.get(1)!.map((m) => m.seconds));
  for (const jobs of jobCounts.slice(1)) {
    const speedup = serial / median(ours.get(jobs)!.map((m) => m.seconds));
    const cores = Math.min(jobs, availableParallelism());
    speedups.push(
      `${name}: --jobs ${jobs} is ${speedup.toFixed(2)}× --jobs 1 on ${cores} core${cores > 1 ? 's' : ''} (${(speedup / cores).toFixed(2)} per core)`,
    );
  }
  const adjusting = ours.get(1)!.flatMap((measure) => (measure.adjustSeconds === undefined ? [] : [measure.adjustSeconds]));
  if (adjusting.length > 0) {
    const [lines, columns] = [median(adjusting.map((each) => each.lines)), median(adjusting.map((each) => each.columns))];
    table.push(`| of which the line adjustment before pagination (${name}, --jobs 1) | ${lines.toFixed(2)} | | | | | | | |`);
    table.push(`| of which filling the columns, 拉行 and 缩行 (${name}, --jobs 1) | ${columns.toFixed(2)} | | | | | | | |`);
  }
  if (unadjusted.length > 0) {
    row(`${name}, --jobs 1, typesetting.adjust off`, unadjusted, plain, cli);
    const ratio = median(ours.get(1)!.map((m) => m.seconds)) / median(unadjusted.map((m) => m.seconds));
    speedups.push(`${name}: the line adjustment on is ${ratio.toFixed(2)}× the build with it off (--jobs 1)`);
  }
  if (issueId === '2024-4') row('cold build 2024-4, --jobs 2, font subsets and page counts cached (text built before)', cached, plain, cli);
  if (issueId === '2024-4' && !buildsOnly) {
    const warm = await paibanWarmRebuilds(root, runs);
    process.stderr.write(`warm rebuilds: ${warm.map((m) => m.seconds.toFixed(2)).join(', ')} s\n`);
    row('warm rebuild after a one-paragraph edit (--watch)', warm, plain, cli);
  }
}
// --builds-only: the build rows alone (the import and read-proof have their own targets and do not change here).
const imports = buildsOnly ? [] : await benchImport(work, runs);
if (!buildsOnly) {
  const marked = await markProof(root, '2024-4', work);
  const reads: Measure[] = [];
  for (let index = 0; index < runs; index++)
    reads.push(await runProcess(process.execPath, [join(repository, 'bin', 'read-proof.js'), '2024-4', marked.pdf, '--root', root]));
  const read = median(reads.map((m) => m.seconds));
  table.push(
    `| read-proof 2024-4: ${marked.marks} marks on the ${marked.pages}-page proof (target < 2 s) | ${read.toFixed(2)} | ${marked.pages} | ${(read / marked.pages).toFixed(3)} | – | – | – | – | ${Math.max(...reads.map((m) => m.peakMb)).toFixed(0)} |`,
  );
}
if (!buildsOnly) {
  const desk = await benchDesk(root, runs, chrome);
  const [plan, rebuild] = [median(desk.planSeconds), median(desk.rebuildSeconds)];
  speedups.push(
    `desk, 2024-4 (${desk.pages} articles): the issue plan shown ${plan.toFixed(2)} s (${(plan / cliBuild).toFixed(2)}× build-issue's cold build, ${cliBuild.toFixed(2)} s), with its page images ${median(desk.planImagesSeconds).toFixed(2)} s (${(median(desk.planImagesSeconds) / cliBuild).toFixed(2)}×); ` +
      `a rebuild from the button to the pages shown ${rebuild.toFixed(2)} s (${(rebuild / cliBuild).toFixed(2)}×; of which buildIssue in the desk's process ${median(desk.buildSeconds).toFixed(2)} s)`,
  );
}
if (!buildsOnly) {
  const load = await benchDeskLoad(root, work, chrome);
  speedups.push(
    `desk under load, 10 people browsing and uploading marked proofs while 2 builds run: ${load.pageViews} page views, ${load.uploads} uploads; ` +
      `${load.errors.length} errors${load.errors.length ? ` (${load.errors.slice(0, 3).join('; ')})` : ''}; ` +
      `marks uploaded ${load.marksUploaded}, in the corrections table ${load.marksInTable} (${load.marksUploaded === load.marksInTable ? 'none lost' : 'MARKS LOST'}); ` +
      `page latency p95 ${(load.loadP95 * 1000).toFixed(0)} ms (${(load.loadP95 / load.idleP95).toFixed(1)}× the idle desk's p95, ${(load.idleP95 * 1000).toFixed(0)} ms)`,
  );
}
rmSync(work, { recursive: true, force: true });
console.log(`\n${runs} runs each, medians; pages/s and ratios from the same run.\n`);
console.log(table.join('\n'));
console.log(
  `\n${speedups.join('\n')}\nload average at the end: ${loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')} on ${availableParallelism()} cores`,
);
if (!buildsOnly) {
  const importSeconds = median(imports.map((measure) => measure.seconds));
  console.log(
    `\nimport-manuscript, 18 manuscripts of 2024-4's size into a new issue: ${importSeconds.toFixed(2)} s (CPU ${median(imports.map((measure) => measure.cpuSeconds)).toFixed(2)} s; target < 2 s)`,
  );
}
