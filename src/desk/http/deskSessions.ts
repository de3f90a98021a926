/**
 * Sessions and CSRF tokens, with node:crypto HMAC-SHA256 and no dependency. Why not @fastify/cookie +
 * @fastify/csrf-protection: the desk needs one cookie and one token, both bound to the session; two plugins (and
 * @fastify/csrf's secret cookie) would add more surface than the thirty lines here, and HMAC with a
 * constant-time compare is exactly what they do inside.
 *
 * - The session cookie is `<payload>.<mac>`: the payload names the person, when it expires, a random session id
 *   and a fingerprint of the password hash (so `users passwd` ends the old sessions); the MAC is over the payload
 *   with the desk's secret (`desk/session-secret`, 32 random bytes, created on first start, never committed:
 *   `desk/.gitignore`), read on every request: `paiban-desk rotate-secret` writes a new one and every session ends at
 *   once, on a running desk too. The cookie is HttpOnly
 *   and SameSite=Strict (Secure over HTTPS) and lasts `sessionHours`.
 * - The CSRF token of a session is HMAC(secret, "csrf:" + session id): a page from elsewhere can neither read it
 *   (same-origin policy) nor forge it (no secret); every changing request must carry it (header x-csrf-token, form
 *   field _csrf, or ?_csrf= for multipart forms, whose fields are read only by the handler).
 * - A session ended by logout is written to `desk/ended-sessions.json` (its id until its expiry, then forgotten), so a
 *   copy of the cookie kept from before the logout is refused also after the desk restarts.
 * - Failed logins are counted per name (5 free) and per address (20 free: an office behind one proxy shares one):
 *   past those, each further attempt waits (a doubling lockout up to 15 minutes, answered 429 with Retry-After, the
 *   password not even checked), so guessing is slowed to a crawl.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeskUser } from '../deskUsers.js';

export const sessionCookie = 'paiban_session';
const sessionHours = 10;
const maxLockoutSeconds = 15 * 60;

export interface Session {
  user: string;
  id: string;
  expires: number;
  passwordPrint: string;
}

const secretFile = (root: string) => join(root, 'desk', 'session-secret');
const endedFile = (root: string) => join(root, 'desk', 'ended-sessions.json');

/** The desk's own files that must never be committed: the secret, and the ended sessions (meaningless elsewhere). */
async function writeDeskFile(root: string, path: string, text: string, flag: 'w' | 'wx' = 'w'): Promise<void> {
  await mkdir(join(root, 'desk'), { recursive: true });
  await writeFile(join(root, 'desk', '.gitignore'), 'session-secret\nended-sessions.json\n');
  if (flag === 'wx') return writeFile(path, text, { mode: 0o600, flag });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: 0o600 });
  await rename(temporary, path);
}

export async function readSessionSecret(root: string): Promise<Buffer> {
  const path = secretFile(root);
  try {
    return Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // wx: two desks starting at once do not overwrite each other's secret; the loser reads the winner's.
  await writeDeskFile(root, path, `${randomBytes(32).toString('base64')}\n`, 'wx').catch(() => undefined);
  return Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
}

/** A new secret in place of the old (atomically): every session, on a running desk too, ends at its next request. */
export function rotateSessionSecret(root: string): Promise<void> {
  return writeDeskFile(root, secretFile(root), `${randomBytes(32).toString('base64')}\n`);
}

/** The sessions ended by logout, kept in the project until they would have expired anyway. */
export class EndedSessions {
  private ended?: Promise<Map<string, number>>;

  constructor(private readonly root: string) {}

  private read(): Promise<Map<string, number>> {
    this.ended ??= readFile(endedFile(this.root), 'utf8').then(
      (text) => new Map(Object.entries(JSON.parse(text) as Record<string, number>)),
      () => new Map<string, number>(),
    );
    return this.ended;
  }

  async has(session: Session): Promise<boolean> {
    return (await this.read()).has(session.id);
  }

  async add(session: Session, now = Date.now()): Promise<void> {
    const ended = await this.read();
    ended.set(session.id, session.expires);
    for (const [id, expires] of ended) if (expires <= now) ended.delete(id);
    await writeDeskFile(this.root, endedFile(this.root), `${JSON.stringify(Object.fromEntries(ended))}\n`);
  }
}

function mac(secret: Buffer, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const [left, right] = [Buffer.from(a), Buffer.from(b)];
  return left.length === right.length && timingSafeEqual(left, right);
}

export function passwordPrint(user: DeskUser): string {
  return createHash('sha256').update(user.password).digest('base64url').slice(0, 12);
}

export function signSession(secret: Buffer, user: DeskUser, now = Date.now()): { value: string; session: Session; maxAge: number } {
  const session: Session = {
    user: user.name,
    id: randomBytes(16).toString('base64url'),
    expires: now + sessionHours * 3600_000,
    passwordPrint: passwordPrint(user),
  };
  const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
  return { value: `${payload}.${mac(secret, payload)}`, session, maxAge: sessionHours * 3600 };
}

/** The session a cookie value carries, or undefined when it is malformed, signed with another secret or expired. */
export function verifySession(secret: Buffer, value: string | undefined, now = Date.now()): Session | undefined {
  const [payload, signature, extra] = (value ?? '').split('.');
  if (!payload || !signature || extra !== undefined || !sameText(signature, mac(secret, payload))) return undefined;
  try {
    const session = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Session;
    return typeof session.expires === 'number' && session.expires > now && typeof session.user === 'string' ? session : undefined;
  } catch {
    return undefined;
  }
}

export function csrfToken(secret: Buffer, session: Session): string {
  return mac(secret, `csrf:${session.id}`);
}

export function checkCsrfToken(secret: Buffer, session: Session, token: unknown): boolean {
  return typeof token === 'string' && sameText(token, csrfToken(secret, session));
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

export function sessionCookieHeader(value: string, maxAge: number, secure: boolean): string {
  return `${sessionCookie}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

/** Failed logins per key (a name, an address): how many, and until when the next attempt must wait. */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(private readonly freeFailures: number) {}

  /** Seconds to wait before `key` may try again (0: may try now). */
  waitSeconds(key: string, now = Date.now()): number {
    const until = this.failures.get(key)?.until ?? 0;
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  fail(key: string, now = Date.now()): void {
    const count = (this.failures.get(key)?.count ?? 0) + 1;
    const wait = count > this.freeFailures ? Math.min(maxLockoutSeconds, 2 ** (count - this.freeFailures)) : 0;
    this.failures.set(key, { count, until: now + wait * 1000 });
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }
}
