/**
 * Who may do what, enforced by the server on every request: one table of route → roles and one hook, never checks
 * in the handlers (a button hidden on a page protects nothing). A route missing from the table is refused to
 * everyone (test/deskAccess.e2e.test.ts checks that every route has a row).
 *
 * With no account (no desk/users.yaml) the desk is the one-person desk on 127.0.0.1 and this hook only keeps
 * other hosts out. With accounts: no session → the login page (pages) or 401 (the API); a role not in the row →
 * 403; a change without the session's CSRF token → 403; the printer asking for an issue not signed for the press → 404. The person is then the request's actor (src/desk/deskActor.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UserError } from '../../UserError.js';
import { type Actor, runAsActor } from '../deskActor.js';
import { type Role, readUsers, roleNames, roles } from '../deskUsers.js';
import { isIssueSigned } from '../reviewRecords.js';
import {
  checkCsrfToken,
  csrfToken,
  EndedSessions,
  passwordPrint,
  readCookie,
  readSessionSecret,
  type Session,
  sessionCookie,
  verifySession,
} from './deskSessions.js';

type Rule = readonly Role[] | ((role: Role, request: FastifyRequest) => boolean);

const everyone = roles;
const staff = ['editor', 'chief'] as const satisfies Role[];
const readers = ['editor', 'chief', 'proofreader'] as const satisfies Role[];

/** Downloads by name: proofreaders take proofs and their reports, the printer the press files, the staff all. */
function mayDownload(role: Role, request: FastifyRequest): boolean {
  const name = (request.params as { name?: string }).name ?? '';
  if (role === 'editor' || role === 'chief') return true;
  if (role === 'proofreader') return /^proof(-report)?-\d+$/.test(name);
  return role === 'printer' && (name === 'press' || name === 'cover-press');
}

/** `METHOD route` → who may. Public routes (the login page, the desk's script and style) are listed apart. */
export const routeRoles: Record<string, Rule> = {
  'GET /': everyone,
  'POST /issues': staff,
  'GET /issues/:id': readers,
  'POST /issues/:id/plan/move': staff,
  'POST /issues/:id/plan/remove': staff,
  'GET /issues/:id/intake': staff,
  'POST /issues/:id/manuscripts': staff,
  'POST /issues/:id/manuscripts/accept': staff,
  'GET /issues/:id/articles/:file': readers,
  'POST /issues/:id/articles/:file': staff,
  'POST /issues/:id/articles/:file/front-matter': staff,
  'GET /issues/:id/articles/:file/preview': readers,
  'GET /issues/:id/preview/files/*': readers,
  'GET /issues/:id/preview/events': readers,
  'GET /issues/:id/build': readers,
  'POST /issues/:id/build': staff,
  'GET /issues/:id/events': readers,
  'GET /issues/:id/pages/:page': readers,
  'GET /issues/:id/files/:name': mayDownload,
  'GET /issues/:id/record': readers,
  'GET /issues/:id/proofs': readers,
  'POST /issues/:id/proofs': staff,
  'GET /issues/:id/proofs/:round': readers,
  'POST /issues/:id/proofs/:round/marked': readers,
  'POST /issues/:id/proofs/:round/decisions': staff,
  'POST /issues/:id/proofs/:round/apply': staff,
  'POST /issues/:id/proofs/:round/field': staff,
  'GET /issues/:id/press': [...staff, 'printer'],
  'POST /issues/:id/press': staff,
  'GET /issues/:id/history': readers,
  'GET /issues/:id/diff': readers,
  'GET /issues/:id/records': readers,
  'POST /issues/:id/records/pass': ['chief'],
  'POST /issues/:id/records/sign': ['chief'],
  'GET /issues/:id/records/slip/:file': readers,
  'GET /issues/:id/records/print-order': readers,
  'POST /logout': everyone,
};

export const publicRoutes = ['GET /login', 'POST /login', 'GET /assets/htmx/*', 'GET /assets/desk/*', 'HEAD /assets/htmx/*', 'HEAD /assets/desk/*'];

export function mayUse(role: Role, route: string, request: FastifyRequest): boolean {
  const rule = routeRoles[route.startsWith('HEAD ') ? `GET ${route.slice(5)}` : route];
  if (!rule) return false;
  return typeof rule === 'function' ? rule(role, request) : rule.includes(role);
}

/** Whether `role` may GET `path` (a page of the issue), for the tabs it is shown: the same table as the hook. */
export function mayOpen(role: Role, route: string): boolean {
  const rule = routeRoles[`GET ${route}`];
  return Array.isArray(rule) && rule.includes(role);
}

function refuse(status: 401 | 403 | 404, message: string): UserError {
  return Object.assign(new UserError('input', message), { statusCode: status });
}

/**
 * Installs the hooks; returns the session secret's getter for the login routes. The secret is read (or made) when
 * the first account is seen, so a desk without accounts writes nothing into the project.
 */
export function registerAccess(
  app: FastifyInstance,
  root: string,
  wantsJson: (request: FastifyRequest) => boolean,
): { readSecret: () => Promise<Buffer>; endedSessions: EndedSessions } {
  // Sessions ended by logout, refused even if their cookie was kept (a copy taken before logout), also after a restart.
  const endedSessions = new EndedSessions(root);
  // Read on every request (a small file, as users.yaml): `paiban-desk rotate-secret` ends every session at once.
  const readSecret = () => readSessionSecret(root);
  const sessions = new WeakMap<FastifyRequest, { secret: Buffer; session: Session; actor: Actor }>();

  app.addHook('onRequest', async (request, reply) => {
    const users = await readUsers(root);
    refuseForeignRequests(request, users.size > 0);
    if (users.size === 0) return;
    const route = `${request.method} ${request.routeOptions.url ?? ''}`;
    if (publicRoutes.includes(route)) return;
    const secret = await readSecret();
    const session = verifySession(secret, readCookie(request.headers.cookie, sessionCookie));
    const user = session && users.get(session.user);
    if (!session || !user || passwordPrint(user) !== session.passwordPrint || (await endedSessions.has(session))) return askToLogIn(request, reply, wantsJson);
    if (request.routeOptions.url === undefined) return; // no such page: the 404, to a logged-in person only
    if (!mayUse(user.role, route, request))
      throw refuse(403, `${user.name}（${roleNames[user.role]}）不能做这件事：${request.method} ${request.url.split('?')[0]}`);
    await keepPrinterToSignedIssues(root, user.role, request);
    sessions.set(request, { secret, session, actor: { name: user.name, role: user.role, csrf: csrfToken(secret, session) } });
  });
  // A form's fields are parsed only after onRequest: the CSRF token is checked here, before the handler, and the
  // handler then runs as the person (callback style, so that the handler runs inside the actor's context).
  app.addHook('preHandler', (request, _reply, done) => {
    const entry = sessions.get(request);
    if (entry && request.method !== 'GET' && request.method !== 'HEAD') {
      const token = request.headers['x-csrf-token'] ?? (request.query as { _csrf?: string })._csrf ?? (request.body as { _csrf?: string } | undefined)?._csrf;
      if (!checkCsrfToken(entry.secret, entry.session, token)) return done(refuse(403, '拒绝：请求缺少或带错了防伪令牌（CSRF）。请刷新页面后再做一次'));
    }
    runAsActor(entry?.actor, done);
  });
  return { readSecret, endedSessions };
}

/**
 * The printer's scope: an issue's pages and files exist for the printer only once the issue is signed for the press
 * (签付印) and unchanged since; before, they answer 404 as if the issue did not exist.
 */
async function keepPrinterToSignedIssues(root: string, role: Role, request: FastifyRequest): Promise<void> {
  const id = (request.params as { id?: string }).id;
  if (role !== 'printer' || id === undefined) return;
  if (!(await isIssueSigned(root, id).catch(() => false))) throw refuse(404, `没有这个页面：${request.url.split('?')[0]}（本期还没有签付印）`);
}

async function askToLogIn(request: FastifyRequest, reply: FastifyReply, wantsJson: (request: FastifyRequest) => boolean) {
  if (request.method === 'GET' && !wantsJson(request)) return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
  throw refuse(401, '请先登录');
}

/**
 * Requests from anywhere but the desk's own pages are refused: a change (any method but GET/HEAD) that a browser
 * marks as coming from another site (Origin, Sec-Fetch-Site) — another web page open in a browser must not be able
 * to post forms to the desk. Without accounts, also a Host other than the loopback address (a DNS rebinding page
 * reaching the desk under its own name) and any other machine; with accounts the session cookie (SameSite=Strict)
 * is what lets one in.
 * Scripts send neither header and are served.
 */
function refuseForeignRequests(request: FastifyRequest, hasAccounts: boolean): void {
  const host = request.headers.host ?? '';
  if (!hasAccounts && !/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) throw refuse(403, `拒绝：请求的主机名 ${host} 不是本机（127.0.0.1）`);
  // A Host header is whatever the sender writes: without accounts, a request must also come from this machine (a
  // desk started on the network whose last account was then removed must not open to everyone).
  if (!hasAccounts && !/^(127\.|::1$|::ffff:127\.)/.test(request.socket.remoteAddress ?? ''))
    throw refuse(403, '拒绝：编辑部还没有账号，只接受本机的请求（请用 paiban-desk users add 建账号）');
  if (request.method === 'GET' || request.method === 'HEAD') return;
  const origin = request.headers.origin;
  const site = request.headers['sec-fetch-site'];
  if ((origin !== undefined && originHost(origin) !== host) || (site !== undefined && site !== 'same-origin' && site !== 'none'))
    throw refuse(403, '拒绝：这个请求来自别的网站，编辑部只接受自己页面上的操作');
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
