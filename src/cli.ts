/**
 * The command line: `build-issue <id>` → exit code. Thin by design: options in, buildIssue() out, one line
 * per error. Stack traces only with --debug.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { buildIssue, type BuildOptions } from './buildIssue.js';
import { createReporter } from './Reporter.js';
import { ExitCode, UserError } from './UserError.js';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** Aborted on Ctrl-C/SIGTERM by the bin script; tests abort it themselves. */
  signal?: AbortSignal;
  cwd?: string;
}

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const exitCodesHelp = `
Exit codes:
  0    the PDF was written
  1    internal error (a bug in paiban; run with --debug and report it)
  2    wrong command-line usage
  3    invalid issue sources (manifest, article, template)
  4    font missing, unreadable or lacking a character
  5    Chromium missing or crashed, or Paged.js failed
  6    timed out (the message names the phase)
  7    a check failed (text lost, page count, fonts, --strict typography, --preflight)
  130  interrupted (Ctrl-C or SIGTERM)`;

export async function run(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let debug = false;
  const program = new Command('build-issue')
    .description('Typeset one issue of the periodical into a print-ready PDF: issues/<id>/ → dist/<id>.pdf')
    .version(version, '-V, --version')
    .argument('<id>', 'issue folder name under issues/, e.g. 2024-4')
    .option('--root <dir>', 'project folder holding periodical.yaml and issues/', '.')
    .option('-o, --out <file>', 'PDF to write (default: dist/<id>.pdf)')
    .option('--timeout <seconds>', 'give up after this many seconds, naming the phase', parsePositive, 300)
    .option('--chrome <path>', 'Chromium executable (default: $PUPPETEER_EXECUTABLE_PATH, $CHROME_PATH, /usr/bin/chromium)')
    .option('--html', 'also write the HTML handed to the browser, beside the PDF')
    .option('--press', 'also write the press PDFs, PDF/X-1a:2001: dist/<id>-press.pdf and dist/<id>-cover-press.pdf')
    .option('--preflight', 'check the press PDFs as a print shop does (building them first if missing or outdated); exit 7 on a failure')
    .option('--strict', 'fail, writing no PDF, on any typography finding (they are listed in dist/<id>.check.json)')
    .option('--watch', 'keep paginating on every change and serve a live preview on 127.0.0.1 (Ctrl-C stops)')
    .option('--port <n>', 'port of the --watch preview (0: any free port)', parseInteger, 4719)
    .option('--proof', 'also write the proof PDF (dist/<id>-proof.pdf) and the proof report (-proof-report.html, .json)')
    .option('--round <n>', 'proof round printed in the slug (with --proof)', parsePositiveInteger, 1)
    .option('--since <revision>', 'mark lines changed since this git revision in the proof and its report (implies --proof)')
    .option('--debug', 'print stack traces of errors')
    .addHelpText('after', exitCodesHelp)
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  try {
    program.parse(argv, { from: 'user' });
    const options = program.opts<{
      root: string;
      out?: string;
      timeout: number;
      chrome?: string;
      html?: boolean;
      proof?: boolean;
      round: number;
      since?: string;
      watch?: boolean;
      strict?: boolean;
      press?: boolean;
      preflight?: boolean;
      port: number;
      debug?: boolean;
    }>();
    debug = Boolean(options.debug);
    const cwd = io.cwd ?? process.cwd();
    const reporter = createReporter(io.stderr);
    // --watch and --preflight load their modules on demand: a plain build does not pay for importing them.
    if (options.watch) {
      const { watchIssue } = await import('./watch/watchIssue.js');
      const signal = io.signal ?? new AbortController().signal;
      await watchIssue({ root: resolve(cwd, options.root), issueId: program.args[0], chrome: options.chrome, port: options.port, signal, reporter });
      return ExitCode.ok;
    }
    const build: BuildOptions = {
      root: resolve(cwd, options.root),
      issueId: program.args[0],
      out: options.out && resolve(cwd, options.out),
      html: options.html,
      proof: options.proof || options.since ? { round: options.round, since: options.since } : undefined,
      strict: options.strict,
      press: options.press,
      chrome: options.chrome,
      timeoutMs: options.timeout * 1000,
      signal: io.signal,
      reporter,
    };
    if (options.preflight) {
      const [{ preflightIssue }, { formatPreflightTable }] = await Promise.all([import('./preflight/preflightIssue.js'), import('./preflight/runPreflight.js')]);
      if (options.press) await buildIssue(build);
      const reports = await preflightIssue(build);
      for (const report of reports) io.stdout.write(`${formatPreflightTable(report)}\n`);
      const passed = reports.every((report) => report.pass);
      reporter.stage(passed ? 'preflight: every check passed' : 'preflight: FAILED (see the table)');
      return passed ? ExitCode.ok : ExitCode.check;
    }
    const result = await buildIssue(build);
    const [pdf, ...others] = result.written;
    reporter.stage(`wrote ${pdf}: ${result.pageCount} pages in ${result.seconds.toFixed(1)} s (fonts: ${result.fonts.join(', ')})`);
    for (const path of others) reporter.stage(`wrote ${path}`);
    return ExitCode.ok;
  } catch (error) {
    return reportError(error, io, debug);
  }
}

function reportError(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof CommanderError) {
    // --help and --version end here too, with exit code 0.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof UserError) {
    io.stderr.write(`build-issue: error: ${error.message}\n`);
    if (debug) io.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  io.stderr.write(`build-issue: internal error: ${(error as Error)?.message ?? error}\n`);
  io.stderr.write(debug ? `${(error as Error)?.stack}\n` : 'build-issue: run again with --debug for the stack trace, and report it\n');
  return ExitCode.internal;
}

function parseInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return number;
}

function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new InvalidArgumentError('must be a whole number from 1');
  return number;
}

function parsePositive(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('must be a positive number of seconds');
  return number;
}
