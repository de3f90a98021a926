/**
 * `paiban-desk` → exit code: the editorial desk on 127.0.0.1 until Ctrl-C. Thin: options in, the desk's server
 * (src/desk/http/) listening, its address printed. Any other host is refused until the desk has accounts
 * (`paiban-desk users`, src/cli/deskUsersCli.ts).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { readUsers } from '../desk/deskUsers.js';
import { ExitCode, UserError } from '../UserError.js';
import { defaultIo, parsePort, parsePositiveInteger, parseSeconds, runCommand, usageError, type CliIo } from './runCommand.js';

interface DeskFlags {
  root: string;
  port: number;
  host: string;
  chrome?: string;
  timeout: number;
  maxUploadMb: number;
  cert?: string;
  key?: string;
}

const loopback = '127.0.0.1';

export async function run(argv: string[], io: CliIo = defaultIo): Promise<number> {
  if (argv[0] === 'users') return (await import('./deskUsersCli.js')).run(argv.slice(1), io);
  if (argv[0] === 'rotate-secret') return rotateSecret(argv.slice(1), io);
  const program = new Command('paiban-desk')
    .description('Serve the editorial desk (收稿 → 排版 → 校样 → 核红 → 付印) in a browser; `paiban-desk users --help` manages its accounts')
    .option('--root <dir>', 'project folder holding periodical.yaml and issues/', '.')
    .option('--port <n>', 'port to listen on (0: any free port)', parsePort, 4720)
    .option('--host <address>', `address to listen on: only ${loopback} until the desk has accounts`, loopback)
    .option('--chrome <path>', 'Chromium executable for builds (default: $PUPPETEER_EXECUTABLE_PATH, $CHROME_PATH, /usr/bin/chromium)')
    .option('--timeout <seconds>', 'give up a build after this many seconds, naming the phase', parseSeconds, 300)
    .option('--max-upload-mb <n>', 'largest file accepted by an upload, in MB', parsePositiveInteger, 50)
    .option('--cert <file>', 'serve HTTPS with this certificate (PEM; with --key)')
    .option('--key <file>', "the certificate's private key (PEM)");
  return runCommand<DeskFlags>(program, argv, io, async (_args, flags, { cwd, reporter }) => {
    const root = resolve(cwd, flags.root);
    if (flags.host !== loopback && (await readUsers(root)).size === 0)
      throw usageError(
        `--host ${flags.host}: the desk has no accounts yet, so it listens on ${loopback} only (anyone who can reach it could change the issues); add them with paiban-desk users add <name> --role <role>`,
      );
    const https = await readCertificate(cwd, flags);
    const { createDeskServer } = await import('../desk/http/createDeskServer.js');
    const app = await createDeskServer({
      root,
      chrome: flags.chrome,
      timeoutMs: flags.timeout * 1000,
      maxUploadBytes: flags.maxUploadMb * 1024 * 1024,
      https,
    });
    try {
      await app.listen({ host: flags.host, port: flags.port });
    } catch (error) {
      await app.close();
      throw new UserError('usage', `cannot listen on ${flags.host}:${flags.port} (${(error as NodeJS.ErrnoException).code}); choose another --port`);
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : flags.port;
    io.stdout.write(
      `paiban-desk: ${https ? 'https' : 'http'}://${flags.host.includes(':') ? `[${flags.host}]` : flags.host}:${port}/ (project ${root}; Ctrl-C stops)\n`,
    );
    const signal = io.signal ?? new AbortController().signal;
    await new Promise<void>((done) => (signal.aborted ? done() : signal.addEventListener('abort', () => done(), { once: true })));
    reporter.stage('stopping: running builds are cancelled');
    await app.close();
    return ExitCode.ok;
  });
}

async function readCertificate(cwd: string, flags: DeskFlags): Promise<{ cert: Buffer; key: Buffer } | undefined> {
  if (!flags.cert && !flags.key) return undefined;
  if (!flags.cert || !flags.key) throw usageError('--cert and --key go together: the certificate and its private key (PEM files)');
  const read = (option: string, path: string) =>
    readFile(resolve(cwd, path)).catch((error: NodeJS.ErrnoException) => {
      throw usageError(`${option} ${path}: cannot read it (${error.code}); give the PEM file's path`);
    });
  return { cert: await read('--cert', flags.cert), key: await read('--key', flags.key) };
}

/** `paiban-desk rotate-secret`: a new session secret; every session ends at once (a running desk reads it per request). */
function rotateSecret(argv: string[], io: CliIo): Promise<number> {
  const program = new Command('paiban-desk rotate-secret')
    .description('Replace the session secret (desk/session-secret): everyone is logged out at once, also on a running desk')
    .option('--root <dir>', 'project folder holding periodical.yaml and issues/', '.');
  return runCommand<{ root: string }>(program, argv, io, async (_args, flags, { cwd }) => {
    const { rotateSessionSecret } = await import('../desk/http/deskSessions.js');
    await rotateSessionSecret(resolve(cwd, flags.root));
    io.stdout.write('a new session secret is in place: every session has ended, everyone logs in again\n');
    return ExitCode.ok;
  });
}
