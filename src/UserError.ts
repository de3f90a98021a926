/**
 * The one error class for problems the user can fix (bad input, missing tool, timeout).
 * The CLI prints `message` as a single line and exits with `exitCode`; anything that is
 * not a UserError is a bug and is printed with its stack under `--debug` only.
 */

/**
 * The documented exit codes of every paiban command, with what each means. The commands' `--help` and the README's
 * table are written from this one list (test/cli.e2e.test.ts checks that the README agrees).
 */
export const exitCodes = {
  ok: { code: 0, meaning: 'done: everything asked for was written' },
  internal: { code: 1, meaning: 'internal error (a bug in paiban; run with --debug and report it)' },
  usage: { code: 2, meaning: 'wrong command-line usage' },
  input: { code: 3, meaning: 'invalid sources (manifest, article, template, manuscript, proof PDF)' },
  font: { code: 4, meaning: 'font missing, unreadable or lacking a character' },
  browser: { code: 5, meaning: 'Chromium missing or crashed, or Paged.js failed' },
  timeout: { code: 6, meaning: 'timed out (the message names the phase)' },
  check: {
    code: 7,
    meaning:
      'a check failed (text lost in pagination, page count, fonts, --strict typography, --preflight, conflicts or undecided marks left by read-proof --apply)',
  },
  interrupted: { code: 130, meaning: 'interrupted (Ctrl-C or SIGTERM)' },
} as const;

export type ExitCodeName = keyof typeof exitCodes;

/** The exit codes by name: `ExitCode.usage` is 2. */
export const ExitCode = Object.fromEntries(Object.entries(exitCodes).map(([name, { code }]) => [name, code])) as {
  [name in ExitCodeName]: (typeof exitCodes)[name]['code'];
};

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
  /** The single problems this error lists (combineUserErrors); otherwise just itself. */
  readonly problems: UserError[];

  constructor(kind: ExitCodeName, message: string, options: { location?: SourceLocation; cause?: unknown; problems?: UserError[] } = {}) {
    super(options.location ? `${formatLocation(options.location)}: ${message}` : message, { cause: options.cause });
    this.name = 'UserError';
    this.exitCode = ExitCode[kind];
    this.location = options.location;
    this.problems = options.problems ?? [this];
  }
}

/**
 * Problems found in one pass (every character, every picture of an issue), each naming its file and line, as one
 * error listing them all grouped by file, so one run shows the editor everything to fix. One problem stays itself.
 */
export function combineUserErrors(combined: UserError[], what = 'the build'): UserError {
  const errors = combined.flatMap((error) => error.problems);
  if (errors.length === 1) return errors[0];
  const byFile = new Map<string, UserError[]>();
  for (const error of errors) {
    const file = error.location?.file ?? '';
    byFile.set(file, [...(byFile.get(file) ?? []), error]);
  }
  const lines = [`${errors.length} problems block ${what}, in ${byFile.size} file${byFile.size === 1 ? '' : 's'}; fix them all, then run again:`];
  for (const [file, fileErrors] of byFile) {
    if (file) lines.push(`${file}: ${fileErrors.length} problem${fileErrors.length === 1 ? '' : 's'}`);
    for (const error of fileErrors) lines.push(`  ${error.message}`);
  }
  const kind = (Object.keys(exitCodes) as ExitCodeName[]).find((name) => exitCodes[name].code === errors[0].exitCode) ?? 'input';
  return new UserError(kind, lines.join('\n'), { problems: errors });
}
