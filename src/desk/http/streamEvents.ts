/**
 * A Server-Sent Events answer (the build's progress, the article preview's refreshes): `subscribe` gets the sender
 * and returns what stops it, called when the browser goes. A comment every 15 s keeps proxies from closing it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export type SendEvent = (type: string, data: unknown) => void;

export function streamEvents(request: FastifyRequest, reply: FastifyReply, subscribe: (send: SendEvent) => () => void): void {
  reply.hijack();
  const response = reply.raw;
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const stop = subscribe((type, data) => response.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`));
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
  request.raw.on('close', () => {
    clearInterval(keepAlive);
    stop();
  });
}
