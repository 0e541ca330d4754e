import Tokens from '@fastify/csrf';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { cookieOptions, CSRF_COOKIE } from './dashboard-cookies';

/**
 * CSRF protection for the dashboard's forms: a secret per browser in a
 * signed, httpOnly cookie, and in every form a token made from it, which a
 * page of another site can neither read nor forge. The sign-in form has one
 * too, so nobody can sign a visitor into an account of theirs.
 */
@Injectable()
export class CsrfTokens {
  private readonly tokens = new Tokens({ userInfo: false });

  constructor(private readonly config: AppConfig) {}

  /** The token for the forms of the page being answered; sets the secret on a browser's first visit. */
  tokenFor(request: FastifyRequest, reply: FastifyReply): string {
    let secret = this.secretOf(request);
    if (!secret) {
      secret = this.tokens.secretSync();
      void reply.setCookie(CSRF_COOKIE, secret, cookieOptions(this.config));
      // A second call in the same request must reuse it.
      request.cookies[CSRF_COOKIE] = reply.signCookie(secret);
    }
    return this.tokens.create(secret);
  }

  isValid(request: FastifyRequest): boolean {
    const secret = this.secretOf(request);
    const body = request.body as { _csrf?: unknown } | undefined;
    const token = typeof body?._csrf === 'string' ? body._csrf : '';
    return !!secret && this.tokens.verify(secret, token);
  }

  private secretOf(request: FastifyRequest): string | null {
    const raw = request.cookies[CSRF_COOKIE];
    if (!raw) return null;
    const unsigned = request.unsignCookie(raw);
    return unsigned.valid ? unsigned.value : null;
  }
}
