/**
 * `paiban-desk users add|list|remove|passwd` → exit code: the desk's accounts in desk/users.yaml (src/desk/deskUsers.ts).
 * A password is typed twice on a terminal (not shown), read from standard input with --password-stdin (scripts),
 * or generated with --generate and shown once.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { Command, InvalidArgumentError } from 'commander';
import { addUser, readUsers, removeUser, type Role, roleNames, roles, setPassword, usersFile } from '../desk/deskUsers.js';
import { ExitCode, UserError } from '../UserError.js';
import { type CliIo, defaultIo, runCommand, usageError } from './runCommand.js';

interface UsersFlags {
  root: string;
  role?: Role;
  passwordStdin?: boolean;
  generate?: boolean;
}

function parseRole(value: string): Role {
  if (!(roles as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${roles.join(', ')}`);
  return value as Role;
}

export async function run(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const program = new Command('paiban-desk users')
    .description("Manage the desk's accounts (desk/users.yaml): add <name> --role <role>, list, remove <name>, passwd <name>")
    .argument('<action>', 'add, list, remove or passwd')
    .argument('[name]', "the person's user name")
    .option('--root <dir>', 'project folder holding periodical.yaml and issues/', '.')
    .option('--role <role>', `for add: ${roles.map((role) => `${role} (${roleNames[role]})`).join(', ')}`, parseRole)
    .option('--password-stdin', 'read the password from standard input (one line), for scripts')
    .option('--generate', 'generate a password and print it once');
  return runCommand<UsersFlags>(program, argv, io, async ([action, name], flags, { cwd }) => {
    const root = resolve(cwd, flags.root);
    if (action === 'list') {
      const users = await readUsers(root);
      if (users.size === 0) io.stdout.write(`no accounts (${usersFile(root)}): the desk serves 127.0.0.1 only\n`);
      for (const user of users.values()) io.stdout.write(`${user.name}\t${user.role}\t${roleNames[user.role]}\t${user.added ?? ''}\n`);
      return ExitCode.ok;
    }
    if (!['add', 'remove', 'passwd'].includes(action)) throw usageError(`unknown action “${action}”: use add, list, remove or passwd`);
    if (!name) throw usageError(`users ${action} needs a user name`);
    if (action === 'remove') {
      await removeUser(root, name);
      io.stdout.write(`removed ${name}: their sessions end at their next request\n`);
      return ExitCode.ok;
    }
    if (action === 'add' && !flags.role) throw usageError(`users add ${name} needs --role (${roles.join(', ')})`);
    const password = await obtainPassword(flags, io);
    if (action === 'add') await addUser(root, name, flags.role!, password);
    else await setPassword(root, name, password);
    io.stdout.write(
      action === 'add' ? `added ${name} (${flags.role}, ${roleNames[flags.role!]})\n` : `changed ${name}'s password: their old sessions have ended\n`,
    );
    return ExitCode.ok;
  });
}

async function obtainPassword(flags: UsersFlags, io: CliIo): Promise<string> {
  if (flags.generate && flags.passwordStdin) throw usageError('--generate and --password-stdin cannot be combined');
  if (flags.generate) {
    const password = randomBytes(12).toString('base64url');
    io.stdout.write(`password (shown once, hand it over privately): ${password}\n`);
    return password;
  }
  const stdin = io.stdin ?? process.stdin;
  if (flags.passwordStdin) return (await readLines(stdin, 1))[0] ?? '';
  if (!stdin.isTTY) throw usageError('no terminal to type the password on: use --password-stdin or --generate');
  const [first, second] = await readLines(stdin, 2, ['password: ', 'again: '], io);
  if (first !== second) throw new UserError('input', 'the two passwords differ: nothing was changed, try again');
  return first;
}

/** `count` lines of `input`; on a terminal with `prompts`, not echoed. */
function readLines(input: NodeJS.ReadableStream, count: number, prompts: string[] = [], io?: CliIo): Promise<string[]> {
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const lines = createInterface({ input, output: prompts.length ? muted : undefined, terminal: prompts.length > 0 });
  const read: string[] = [];
  return new Promise((done) => {
    const ask = () => io?.stderr.write(prompts[read.length] ?? '');
    lines.on('line', (line) => {
      read.push(line.replace(/\r$/, ''));
      if (prompts.length) io?.stderr.write('\n');
      if (read.length === count) lines.close();
      else ask();
    });
    lines.on('close', () => done(read));
    ask();
  });
}
