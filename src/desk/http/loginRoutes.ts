/** The login page, logging in (slowed after repeated failures) and out: the session cookie of deskSessions.ts. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UserError } from '../../UserError.js';
import { hashPassword, readUsers, verifyPassword } from '../deskUsers.js';
import { wantsJson } from './createDeskServer.js';
import { csrfToken, type EndedSessions, LoginThrottle, readCookie, sessionCookie, sessionCookieHeader, signSession, verifySession } from './deskSessions.js';
import { renderView } from './renderView.js';

const loginBody = z.object({ name: z.string().trim().max(64), password: z.string().max(1024), next: z.string().optional() });

/** Only a path of this desk: `//evil.example` or `https://…` would send the person elsewhere after logging in. */
function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])/.test(next) ? next : '/';
}

export function registerLoginRoutes(
  app: FastifyInstance,
  root: string,
  { readSecret, endedSessions }: { readSecret: () => Promise<Buffer>; endedSessions: EndedSessions },
): void {
  const [byName, byAddress] = [new LoginThrottle(5), new LoginThrottle(20)];
  // An unknown name costs the same scrypt as a wrong password, so the time taken does not tell which names exist.
  const decoy = hashPassword('paiban-desk decoy password');
  const html = 'text/html; charset=utf-8';

  app.get('/login', async (request, reply) => {
    if ((await readUsers(root)).size === 0) return reply.redirect('/', 303);
    const next = safeNext((request.query as { next?: string }).next);
    return reply.type(html).send(renderView('login', { title: '登录', next }));
  });

  app.post('/login', async (request, reply) => {
    const body = loginBody.parse(request.body);
    const wait = Math.max(byName.waitSeconds(body.name), byAddress.waitSeconds(request.ip));
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw Object.assign(new UserError('input', `登录失败的次数太多：请 ${wait} 秒后再试`), { statusCode: 429 });
    }
    const user = (await readUsers(root)).get(body.name);
    const right = await verifyPassword(body.password, user?.password ?? (await decoy));
    if (!user || !right) {
      byName.fail(body.name);
      byAddress.fail(request.ip);
      if (wantsJson(request)) return reply.status(401).send({ ok: false, status: 401, error: '用户名或密码不对' });
      return reply
        .status(401)
        .type(html)
        .send(renderView('login', { title: '登录', next: safeNext(body.next), error: '用户名或密码不对', name: body.name }));
    }
    byName.succeed(body.name);
    const secret = await readSecret();
    const { value, session, maxAge } = signSession(secret, user);
    reply.header('set-cookie', sessionCookieHeader(value, maxAge, request.protocol === 'https'));
    if (wantsJson(request)) return reply.send({ ok: true, name: user.name, role: user.role, csrf: csrfToken(secret, session) });
    return reply.redirect(safeNext(body.next), 303);
  });

  app.post('/logout', async (request, reply) => {
    const session = verifySession(await readSecret(), readCookie(request.headers.cookie, sessionCookie));
    if (session) await endedSessions.add(session);
    reply.header('set-cookie', sessionCookieHeader('', 0, request.protocol === 'https'));
    if (wantsJson(request)) return reply.send({ ok: true });
    return reply.redirect('/login', 303);
  });
}
