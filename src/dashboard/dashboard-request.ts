import type { FastifyReply, FastifyRequest } from 'fastify';
import { User } from '../auth/entities/user.entity';

/** A dashboard request once the session is known: who is signed in, and the token for its forms. */
export type DashboardRequest = FastifyRequest & { user: User; csrfToken: string };

/** Thrown when there is no valid session: the filter sends the browser to the sign-in page. */
export class SignInRequired extends Error {
  constructor(readonly returnTo: string) {
    super('sign-in required');
  }
}

/** 303: the browser follows with a GET, so reloading the next page never re-posts a form. */
export function redirect(reply: FastifyReply, location: string): void {
  void reply.status(303).header('location', location).send();
}

/** Only a path of the dashboard itself: `next=` must never send a signed-in user to another site. */
export function safeReturnPath(path: unknown): string {
  return typeof path === 'string' && /^\/app(\/[\w\-./?=&%]*)?$/.test(path) ? path : '/app';
}
