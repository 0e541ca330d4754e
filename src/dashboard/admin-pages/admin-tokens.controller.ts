import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiTokensService } from '../../auth/api-tokens.service';
import { CreateApiTokenDto } from '../../auth/dto/api-token.dto';
import { ApiToken } from '../../auth/entities/api-token.entity';
import { Role } from '../../auth/role';
import { Roles } from '../../auth/roles.decorator';
import { FormFields } from '../../pages/form-fields.decorator';
import { DashboardPages } from '../dashboard-pages.decorator';
import { DashboardRenderer } from '../dashboard-renderer';
import { DashboardRequest, redirect } from '../dashboard-request';
import { FormProblems, submitForm } from '../directory-pages/page-form';
import { noticeOf } from '../directory-pages/page-notice';
import { newTokenInput } from './token-form-input';
import { ParseIdPipe } from '../../common/parse-id.pipe';

const PATH = '/app/admin/tokens';
const NOTICES = ['revoked'] as const;

/**
 * The signed-in admin's personal API tokens, for scripts: listed by name and
 * prefix, created (the secret shown on that one page, never again) and revoked.
 */
@DashboardPages()
@Roles(Role.Admin)
@Controller('app/admin/tokens')
export class AdminTokensController {
  constructor(
    private readonly tokens: ApiTokensService,
    private readonly renderer: DashboardRenderer,
  ) {}

  @Get()
  async list(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    await this.listPage(request, reply, {}, undefined, noticeOf(query, NOTICES));
  }

  /**
   * Answers with the page itself rather than a redirect: the secret exists
   * only in this response (the page is no-store), so reloading cannot show it again.
   */
  @Post()
  async create(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @FormFields() form: Record<string, string>,
  ): Promise<void> {
    await submitForm(
      CreateApiTokenDto,
      newTokenInput(form),
      async ({ name, expiresAt }) => {
        const issued = await this.tokens.issuePersonal(request.user, name, expiresAt ?? null);
        this.renderer.send(
          reply,
          'admin-token-created',
          { request },
          { section: 'admin', token: issued.token, record: toTokenView(issued.record) },
          201,
        );
      },
      (problems) => this.listPage(request, reply, form, problems),
    );
  }

  @Post(':id/revoke')
  async revoke(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<void> {
    await this.tokens.revoke(request.user, id);
    redirect(reply, `${PATH}?notice=revoked`);
  }

  private async listPage(
    request: DashboardRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    problems?: FormProblems,
    notice: string | null = null,
  ): Promise<void> {
    const tokens = (await this.tokens.listPersonal(request.user)).map(toTokenView);
    this.renderer.send(
      reply,
      'admin-tokens',
      { request },
      { section: 'admin', tokens, values, problems, notice },
      problems?.status ?? 200,
    );
  }
}

function toTokenView(token: ApiToken) {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
  };
}
