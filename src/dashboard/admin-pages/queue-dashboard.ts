import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiTokensService } from '../../auth/api-tokens.service';
import { User } from '../../auth/entities/user.entity';
import { Role } from '../../auth/role';
import { JobQueue } from '../../queue/job-queue';
import { QueueName } from '../../queue/jobs';
import { CsrfTokens } from '../csrf-tokens';
import { SESSION_COOKIE } from '../dashboard-cookies';
import { DashboardRenderer } from '../dashboard-renderer';
import { DashboardRequest, redirect } from '../dashboard-request';

export const QUEUE_DASHBOARD_PATH = '/app/admin/queues';

type BoardServerAdapter = Parameters<typeof createBullBoard>[0]['serverAdapter'];

/**
 * Bull Board for every queue of src/queue, at /app/admin/queues, for signed-in
 * admins only. It is a Fastify plugin with its own pages, scripts and JSON
 * API rather than a Nest controller, so DashboardGuard cannot stand in front
 * of it: a hook of its own does the guard's sign-in and role checks for
 * every request under the prefix, board page and API alike. Its writes
 * (pause a queue, retry a job) come from its own scripts, which carry no CSRF
 * token: besides the SameSite=Lax session cookie, the hook accepts a write
 * only when the browser says it comes from this very site (Origin, else
 * Referer, naming the Host it was sent to). Called by createApp before
 * app.init().
 */
export async function mountQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const jobs = app.get(JobQueue);
  const board = new FastifyAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map((name) => new BullMQAdapter(jobs.queue(name))),
    // @bull-board/fastify 9.10.1 declares its own copy of @bull-board/api 9.10.1 beside our
    // 9.10.2; the two declare the same adapter interface, but TypeScript tells them apart.
    serverAdapter: board as unknown as BoardServerAdapter,
    options: { uiConfig: { boardTitle: 'Fushata' } },
  });
  const admitAdmins = adminGate(app);
  await app.register(
    async (scope: FastifyInstance) => {
      scope.addHook('onRequest', admitAdmins);
      await scope.register(board.registerPlugin());
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}

/** The session cookie as DashboardGuard reads it: no session goes to sign-in, a non-admin gets 403. */
function adminGate(app: NestFastifyApplication) {
  const tokens = app.get(ApiTokensService);
  const orm = app.get(MikroORM);
  const csrf = app.get(CsrfTokens);
  const renderer = app.get(DashboardRenderer);

  const signedInUser = async (request: FastifyRequest): Promise<User | null> => {
    const cookie = request.cookies[SESSION_COOKIE];
    const session = cookie ? request.unsignCookie(cookie) : null;
    if (!session?.valid || !session.value) return null;
    const bearer = session.value;
    // Outside Nest's routing there is no request context for the entity manager: give it one.
    return RequestContext.create(orm.em, () => tokens.authenticate(bearer));
  };

  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> => {
    const user = await signedInUser(request);
    if (!user) {
      const next = request.method === 'GET' ? request.url : QUEUE_DASHBOARD_PATH;
      redirect(reply, `/app/sign-in?next=${encodeURIComponent(next)}`);
      return reply;
    }
    const refusal =
      user.role !== Role.Admin
        ? `the ${user.role} role may not do this`
        : SAFE_METHODS.has(request.method) || fromThisSite(request)
          ? null
          : 'a change to the queues must come from the queue dashboard of this site';
    if (refusal) {
      const page = Object.assign(request, {
        user,
        csrfToken: csrf.tokenFor(request, reply),
      }) as DashboardRequest;
      renderer.send(reply, 'error', { request: page }, { status: 403, reasons: [refusal] }, 403);
      return reply;
    }
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The browser's Origin (or, without one, its Referer) names the host the request was sent to. */
function fromThisSite(request: FastifyRequest): boolean {
  const source = request.headers.origin ?? request.headers.referer;
  if (!source || !request.headers.host) return false;
  try {
    return new URL(source).host === request.headers.host;
  } catch {
    return false;
  }
}
