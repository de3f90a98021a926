import { execFile, type ExecFileException } from 'node:child_process';
import { UserError } from '../UserError.js';

/** The Debian package that provides each external tool, for the "not installed" message. */
const debianPackages: Record<string, string> = {
  gs: 'ghostscript',
  qpdf: 'qpdf',
  pdfinfo: 'poppler-utils',
  pdffonts: 'poppler-utils',
  pdfimages: 'poppler-utils',
  pdftotext: 'poppler-utils',
};

export interface ToolOptions {
  /** Exit codes that are results, not failures (qpdf --check exits 2 for errors, 3 for warnings). */
  okExitCodes?: readonly number[];
  /** Output lines that mean failure although the tool exited 0 (Ghostscript repairs a damaged PDF and exits 0). */
  errorPattern?: RegExp;
  /** Ends the tool (SIGTERM) when the build is interrupted or times out. */
  signal?: AbortSignal;
  /** What the tool was doing, for the error message; default the command and its last argument. */
  task?: string;
  /** Environment variables added to this process's. */
  env?: Record<string, string>;
}

export interface ToolOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * Runs an external tool without a shell. A missing tool, an unexpected exit code or an output line matching
 * `errorPattern` is a UserError naming the tool and quoting its first error line.
 */
export async function runTool(command: string, args: readonly string[], options: ToolOptions = {}): Promise<ToolOutput> {
  const { okExitCodes = [0], errorPattern, signal, task = `${command} ${args.at(-1) ?? ''}`, env } = options;
  const output = await new Promise<ToolOutput>((resolve, reject) => {
    execFile(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, signal, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(describeStartFailure(command, task, error));
      else resolve({ stdout, stderr, exitCode: typeof error?.code === 'number' ? error.code : 0 });
    });
  });
  const text = `${output.stdout}\n${output.stderr}`;
  if (!okExitCodes.includes(output.exitCode) || errorPattern?.test(text)) {
    const line = firstErrorLine(text, errorPattern) ?? `exit code ${output.exitCode}`;
    throw new UserError('check', `${task} failed: ${line}`);
  }
  return output;
}

function describeStartFailure(command: string, task: string, error: ExecFileException): Error {
  if (error.name === 'AbortError') return error; // the caller's Deadline already says why it stopped the tool
  if (error.code === 'ENOENT') {
    const install = debianPackages[command] ? `apt-get install -y ${debianPackages[command]}` : `install ${command}`;
    return new UserError('check', `${command} is not installed; ${install}`, { cause: error });
  }
  return new UserError('check', `${task} failed: ${error.signal ? `killed by ${error.signal}` : error.message.split('\n')[0]}`, { cause: error });
}

/** The first line naming an error; otherwise the first non-empty line. */
function firstErrorLine(text: string, errorPattern: RegExp | undefined): string | undefined {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.find((line) => errorPattern?.test(line)) ?? lines.find((line) => /error/i.test(line)) ?? lines[0];
}
