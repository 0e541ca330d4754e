import type { FastifyReply } from 'fastify';

/**
 * The pages answer links that carry a secret token: no cache may keep them,
 * no Referer may carry their address to another site, and no search engine
 * may list them.
 */
export function withPageHeaders(reply: FastifyReply): FastifyReply {
  return reply.headers({
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-robots-tag': 'noindex, nofollow',
  });
}

export function sendPage(reply: FastifyReply, status: number, html: string): void {
  void withPageHeaders(reply).status(status).type('text/html; charset=utf-8').send(html);
}
