/**
 * The desk's accounts: one file in the project, `desk/users.yaml`, with each person's name, role and a slow salted
 * hash of the password (scrypt from node:crypto, N=2^15, r=8, p=1: about 32 MB and a tenth of a second per guess),
 * never the password itself. The file is read on every request, so `paiban-desk users remove` or `passwd` takes
 * effect on a running desk at once. Writes are atomic (a temporary file renamed over the old one).
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { UserError } from '../UserError.js';

export const roles = ['editor', 'chief', 'proofreader', 'printer'] as const;
export type Role = (typeof roles)[number];

export const roleNames: Record<Role, string> = { editor: '编辑', chief: '主编', proofreader: '校对', printer: '印厂' };

const userNamePattern = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,31}$/u;
const hashPattern = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/;

const userSchema = z.object({
  role: z.enum(roles),
  password: z.string().regex(hashPattern, 'not an scrypt hash written by paiban-desk users'),
  added: z.string().optional(),
});
const usersSchema = z.record(z.string().regex(userNamePattern), userSchema);

export type DeskUser = z.infer<typeof userSchema> & { name: string };

export function usersFile(root: string): string {
  return join(root, 'desk', 'users.yaml');
}

/** The accounts, by name; an empty map when the file does not exist (the desk then serves 127.0.0.1 only). */
export async function readUsers(root: string): Promise<Map<string, DeskUser>> {
  const path = usersFile(root);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  const parsed = usersSchema.safeParse(parse(text) ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError('input', `${relative(root, path)}: ${issue.path.join('.')} ${issue.message} — fix it or rewrite it with paiban-desk users`);
  }
  return new Map(Object.entries(parsed.data).map(([name, user]) => [name, { name, ...user }]));
}

async function writeUsers(root: string, users: Map<string, DeskUser>): Promise<void> {
  const path = usersFile(root);
  await mkdir(join(root, 'desk'), { recursive: true });
  const data = Object.fromEntries([...users].map(([name, { role, password, added }]) => [name, { role, password, added }]));
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `# The desk's accounts (paiban-desk users add|list|remove|passwd): scrypt hashes, never passwords.\n${stringify(data)}`, {
    mode: 0o600,
  });
  await rename(temporary, path);
}

const scryptCost = { N: 2 ** 15, r: 8, p: 1 };

function deriveKey(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((done, fail) =>
    scrypt(password.normalize('NFC'), salt, 32, { ...cost, maxmem: 256 * cost.N * cost.r }, (error, key) => (error ? fail(error) : done(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await deriveKey(password, salt, scryptCost);
  return `scrypt$${scryptCost.N}$${scryptCost.r}$${scryptCost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [, n, r, p, salt, hash] = stored.split('$');
  const expected = Buffer.from(hash, 'base64');
  const key = await deriveKey(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export function checkPasswordStrength(password: string): void {
  if ([...password].length < 10)
    throw new UserError('input', 'the password is too short: use at least 10 characters (a few words are easy to type and hard to guess)');
}

function checkName(name: string): void {
  if (!userNamePattern.test(name))
    throw new UserError('input', `user name “${name}”: use letters (汉字 too), digits, . _ or -, starting with a letter or digit, at most 32`);
}

export async function addUser(root: string, name: string, role: Role, password: string): Promise<void> {
  checkName(name);
  checkPasswordStrength(password);
  const users = await readUsers(root);
  if (users.has(name)) throw new UserError('input', `user “${name}” already exists: change the password with paiban-desk users passwd ${name}`);
  users.set(name, { name, role, password: await hashPassword(password), added: new Date().toISOString() });
  await writeUsers(root, users);
}

export async function removeUser(root: string, name: string): Promise<void> {
  const users = await readUsers(root);
  if (!users.delete(name)) throw new UserError('input', `no user “${name}” in ${relative(root, usersFile(root))}`);
  await writeUsers(root, users);
}

export async function setPassword(root: string, name: string, password: string): Promise<void> {
  checkPasswordStrength(password);
  const users = await readUsers(root);
  const user = users.get(name);
  if (!user) throw new UserError('input', `no user “${name}” in ${relative(root, usersFile(root))}`);
  users.set(name, { ...user, password: await hashPassword(password) });
  await writeUsers(root, users);
}
