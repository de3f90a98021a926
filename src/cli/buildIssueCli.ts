/**
 * `build-issue <id>` → exit code. Thin by design: the options are resolved once into what to do (build, watch,
 * preflight or check), combinations that cannot be honoured are refused as usage errors, and the library does the rest.
 */
import { resolve } from 'node:path';
import { Command } from 'commander';
import { buildIssue, type BuildOptions } from '../buildIssue.js';
import { ExitCode } from '../UserError.js';
import { defaultIo, parsePort, parsePositiveInteger, parseSeconds, runCommand, usageError, type CliIo, type CommandContext } from './runCommand.js';

interface BuildIssueFlags {
  root: string;
  out?: string;
  timeout: number;
  chrome?: string;
  html?: boolean;
  proof?: boolean;
  round?: number;
  since?: string;
  watch?: boolean;
  strict?: boolean;
  press?: boolean;
  preflight?: boolean;
  port?: number;
  jobs?: number;
  check?: boolean;
}

/** What the command line asks for, resolved once: every flag given is honoured by the mode it belongs to. */
export type BuildIssueRequest =
  | { mode: 'build'; build: BuildOptions }
  /** Check the press PDFs; `buildFirst` when other outputs were asked for too, so they are written whatever the press PDFs' age. */
  | { mode: 'preflight'; build: BuildOptions; buildFirst: boolean }
  | { mode: 'watch'; build: BuildOptions; port: number }
  /** Only the checks before pagination (sources, fonts, pictures): every blocking problem listed, nothing written. */
  | { mode: 'check'; build: BuildOptions };

/** Flags that only a one-off build can honour: the preview writes no files (and repaginates only what changed). */
const buildOnlyFlags = ['out', 'html', 'proof', 'round', 'since', 'strict', 'press', 'preflight', 'jobs'] as const;

/**
 * One worker per core, at most 4: every worker loads the whole document and its fonts again, so an issue's few
 * dozen pages gain little from more (4 is the most the benchmark measures).
 */
export function resolveRequest(issueId: string, flags: BuildIssueFlags, context: CommandContext): BuildIssueRequest {
  const given = (name: keyof BuildIssueFlags) => flags[name] !== undefined;
  if (flags.round !== undefined && !flags.proof && !flags.since) throw usageError('--round numbers a proof: add --proof (or --since)');
  if (given('port') && !flags.watch) throw usageError("--port is the --watch preview's port: add --watch");
  const build: BuildOptions = {
    root: resolve(context.cwd, flags.root),
    issueId,
    out: flags.out && resolve(context.cwd, flags.out),
    html: flags.html,
    proof: flags.proof || flags.since ? { round: flags.round ?? 1, since: flags.since } : undefined,
    strict: flags.strict,
    press: flags.press,
    chrome: flags.chrome,
    // Serial by default until an idle-machine benchmark shows the parallel path faster (issue 17's note).
    jobs: flags.jobs ?? 1,
    timeoutMs: flags.timeout * 1000,
    signal: context.io.signal,
    reporter: context.reporter,
  };
  if (flags.check) {
    const refused = [...buildOnlyFlags, 'watch' as const].filter(given).map((name) => `--${name}`);
    if (refused.length > 0)
      throw usageError(`--check only checks the sources and writes nothing, so it cannot honour ${refused.join(', ')}; drop --check for those`);
    return { mode: 'check', build };
  }
  if (flags.watch) {
    const refused = buildOnlyFlags.filter(given).map((name) => `--${name}`);
    if (refused.length > 0)
      throw usageError(`--watch serves a live preview and writes no files, so it cannot honour ${refused.join(', ')}; build without --watch for those`);
    return { mode: 'watch', build, port: flags.port ?? 4719 };
  }
  if (flags.preflight) return { mode: 'preflight', build, buildFirst: Boolean(flags.press || flags.html || flags.strict || build.proof) };
  return { mode: 'build', build };
}

export async function run(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const program = new Command('build-issue')
    .description('Typeset one issue of the periodical into a print-ready PDF: issues/<id>/ → dist/<id>.pdf')
    .argument('<id>', 'issue folder name under issues/, e.g. 2024-4')
    .option('--root <dir>', 'project folder holding periodical.yaml and issues/', '.')
    .option('-o, --out <file>', 'PDF to write (default: dist/<id>.pdf)')
    .option('--timeout <seconds>', 'give up after this many seconds, naming the phase (with --watch: per rebuild)', parseSeconds, 300)
    .option('--chrome <path>', 'Chromium executable (default: $PUPPETEER_EXECUTABLE_PATH, $CHROME_PATH, /usr/bin/chromium)')
    .option(
      '--jobs <n>',
      'runs of articles paginated at once, each in its own renderer process: the same PDF as one run (default: 1, the issue as a whole; on 2 cores parallel runs are slower for one issue, README: Parallel pagination)',
      parsePositiveInteger,
    )
    .option('--html', 'also write the HTML handed to the browser, beside the PDF')
    .option('--press', 'also write the press PDFs, PDF/X-1a:2001: dist/<id>-press.pdf and dist/<id>-cover-press.pdf')
    .option('--preflight', 'check the press PDFs as a print shop does (building them first if missing or outdated); exit 7 on a failure')
    .option('--strict', 'fail, writing no PDF, on any typography finding (they are listed in dist/<id>.check.json)')
    .option('--watch', 'keep paginating on every change and serve a live preview on 127.0.0.1 (Ctrl-C stops)')
    .option('--port <n>', 'port of the --watch preview (0: any free port; default: 4719)', parsePort)
    .option('--proof', 'also write the proof PDF (dist/<id>-proof.pdf) and the proof report (-proof-report.html, .json)')
    .option('--round <n>', 'proof round printed in the slug (with --proof; default: 1)', parsePositiveInteger)
    .option('--since <revision>', 'mark lines changed since this git revision in the proof and its report (implies --proof)')
    .option('--check', 'only check the sources (manifest, fonts for every character, pictures) and list every blocking problem; writes nothing');
  return runCommand<BuildIssueFlags>(program, argv, io, async ([issueId], flags, context) => {
    const request = resolveRequest(issueId, flags, context);
    const { reporter } = context;
    // --watch and --preflight load their modules on demand: a plain build does not pay for importing them.
    if (request.mode === 'watch') {
      const { watchIssue } = await import('../watch/watchIssue.js');
      await watchIssue({ build: request.build, port: request.port, signal: io.signal ?? new AbortController().signal });
      return ExitCode.ok;
    }
    if (request.mode === 'check') {
      const { prepareIssue } = await import('../prepareIssue.js');
      const { issue } = await prepareIssue({ root: request.build.root, issueId, warn: reporter.warn });
      const articles = issue.sections.flatMap((section) => section.articles).length;
      reporter.stage(
        `check: no blocking problem in ${articles} article${articles === 1 ? '' : 's'} (sources, fonts, pictures); build-issue ${issueId} paginates them`,
      );
      return ExitCode.ok;
    }
    if (request.mode === 'preflight') {
      const [{ preflightIssue }, { formatPreflightTable }] = await Promise.all([
        import('../preflight/preflightIssue.js'),
        import('../preflight/runPreflight.js'),
      ]);
      if (request.buildFirst) await buildIssue({ ...request.build, press: true });
      const reports = await preflightIssue(request.build);
      for (const report of reports) io.stdout.write(`${formatPreflightTable(report)}\n`);
      const passed = reports.every((report) => report.pass);
      reporter.stage(passed ? 'preflight: every check passed' : 'preflight: FAILED (see the table)');
      return passed ? ExitCode.ok : ExitCode.check;
    }
    const result = await buildIssue(request.build);
    const [pdf, ...others] = result.written;
    reporter.stage(`wrote ${pdf}: ${result.pageCount} pages in ${result.seconds.toFixed(1)} s (fonts: ${result.fonts.join(', ')})`);
    for (const path of others) reporter.stage(`wrote ${path}`);
    return ExitCode.ok;
  });
}
