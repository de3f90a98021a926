/**
 * Who is acting in the request being served: the logged-in person and the session's CSRF token, carried through
 * the request's asynchronous work by AsyncLocalStorage (set once by the access hook), so that a commit made deep in
 * the library is authored by that person and every page can offer logout, without passing a person through every
 * function. Outside a request, or on a desk without accounts, there is no actor.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from './deskUsers.js';

export interface Actor {
  name: string;
  role: Role;
  csrf: string;
}

const actors = new AsyncLocalStorage<Actor | undefined>();

export function runAsActor<T>(actor: Actor | undefined, work: () => T): T {
  return actors.run(actor, work);
}

export function currentActor(): Actor | undefined {
  return actors.getStore();
}
