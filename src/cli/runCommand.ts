/**
 * What every paiban command shares: the in-process I/O, commander set up to throw instead of exiting, the exit
 * codes in --help, and one line per error (stack traces only with --debug). A command is `run(argv, io) → exit
 * code`; its bin script only wires process signals to it (src/cli/main.ts).
 */
import { readFileSync } from 'node:fs';
import { type Command, CommanderError, InvalidArgumentError } from 'commander';
import { createReporter, type Reporter } from '../Reporter.js';
import { ExitCode, exitCodes, UserError } from '../UserError.js';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** Where a command reads what it is given on standard input (paiban-desk users --password-stdin); default: the process's. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Aborted on Ctrl-C/SIGTERM by the bin script; tests abort it themselves. */
  signal?: AbortSignal;
  /** The folder the command line's relative paths are resolved against (default: the process's). */
  cwd?: string;
}

export const defaultIo: CliIo = { stdout: process.stdout, stderr: process.stderr };

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The exit-code table of --help, from the one list in UserError.ts. */
export const exitCodesHelp = `\nExit codes:\n${Object.values(exitCodes)
  .map(({ code, meaning }) => `  ${String(code).padEnd(5)}${meaning}`)
  .join('\n')}`;

/** What a command's action gets besides its parsed options. */
export interface CommandContext {
  io: CliIo;
  /** Where the command line's relative paths start: io.cwd, or the process's working folder. */
  cwd: string;
  reporter: Reporter;
}

/**
 * Parses argv with `program` (a command with its arguments and options declared) and runs `action`; every
 * failure becomes an exit code and one line on stderr. `--version`, `--debug` and the exit codes in --help are
 * added here, so every command has them.
 */
export async function runCommand<Options>(
  program: Command,
  argv: string[],
  io: CliIo,
  action: (args: string[], options: Options, context: CommandContext) => Promise<number>,
): Promise<number> {
  const name = program.name();
  program
    .version(version, '-V, --version')
    .option('--debug', 'print stack traces of errors')
    .addHelpText('after', exitCodesHelp)
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  let debug = false;
  try {
    program.parse(argv, { from: 'user' });
    const options = program.opts<Options & { debug?: boolean }>();
    debug = Boolean(options.debug);
    return await action(program.args, options, { io, cwd: io.cwd ?? process.cwd(), reporter: createReporter(io.stderr, name) });
  } catch (error) {
    return reportError(name, error, io, debug);
  }
}

function reportError(name: string, error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Commander has printed its own usage errors; ours (usageError) are printed here. --help and --version end
    // here too, with exit code 0.
    if (error.code === usageErrorCode) io.stderr.write(`${name}: error: ${error.message}\n`);
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof UserError) {
    io.stderr.write(`${name}: error: ${error.message}\n`);
    if (debug) io.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  io.stderr.write(`${name}: internal error: ${(error as Error)?.message ?? error}\n`);
  io.stderr.write(debug ? `${(error as Error)?.stack}\n` : `${name}: run again with --debug for the stack trace, and report it\n`);
  return ExitCode.internal;
}

const usageErrorCode = 'paiban.usage';

/** A usage error (exit 2) raised after parsing, e.g. for options that cannot be combined. */
export function usageError(message: string): CommanderError {
  return new CommanderError(ExitCode.usage, usageErrorCode, message);
}

export function parsePort(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return number;
}

export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new InvalidArgumentError('must be a whole number from 1');
  return number;
}

export function parseSeconds(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('must be a positive number of seconds');
  return number;
}
