/**
 * The one error class for problems the user can fix (bad input, missing tool, timeout).
 * The CLI prints `message` as a single line and exits with `exitCode`; anything that is
 * not a UserError is a bug and is printed with its stack under `--debug` only.
 */

/** Documented exit codes of `build-issue` (README, "Exit codes"). */
export const ExitCode = {
  ok: 0,
  /** Unexpected internal error: a bug in paiban. */
  internal: 1,
  /** Wrong command-line usage. */
  usage: 2,
  /** The sources (manifest, articles, images) are invalid. */
  input: 3,
  /** A font is missing, unreadable or lacks a character the issue uses. */
  font: 4,
  /** Chromium is missing, crashed, or Paged.js could not lay out the issue. */
  browser: 5,
  /** A phase exceeded the timeout. */
  timeout: 6,
  /** The produced PDF failed a check (text lost, page count, fonts, preflight, --strict typography). */
  check: 7,
  /** Interrupted by Ctrl-C or SIGTERM. */
  interrupted: 130,
} as const;

export type ExitCodeName = keyof typeof ExitCode;

/** Where in a source file a problem is; printed as `file:line:column`. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export function formatLocation(location: SourceLocation): string {
  let text = location.file;
  if (location.line !== undefined) text += `:${location.line}`;
  if (location.line !== undefined && location.column !== undefined) text += `:${location.column}`;
  return text;
}

export class UserError extends Error {
  readonly exitCode: number;
  readonly location?: SourceLocation;

  constructor(kind: ExitCodeName, message: string, options: { location?: SourceLocation; cause?: unknown } = {}) {
    super(options.location ? `${formatLocation(options.location)}: ${message}` : message, { cause: options.cause });
    this.name = 'UserError';
    this.exitCode = ExitCode[kind];
    this.location = options.location;
  }
}
