import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CreateUserDto, UpdateUserDto } from '../../auth/dto/user.dto';
import { Role } from '../../auth/role';
import { Roles } from '../../auth/roles.decorator';
import { toUserView } from '../../auth/user-view';
import { UsersService } from '../../auth/users.service';
import { Language } from '../../common/language';
import { FormFields } from '../../pages/form-fields.decorator';
import { DashboardPages } from '../dashboard-pages.decorator';
import { DashboardRenderer } from '../dashboard-renderer';
import { DashboardRequest, redirect } from '../dashboard-request';
import { FormProblems, submitForm } from '../directory-pages/page-form';
import { noticeOf } from '../directory-pages/page-notice';
import { newUserInput, userChangesInput } from './user-form-input';
import { ParseIdPipe } from '../../common/parse-id.pipe';

const PATH = '/app/admin/users';
const NOTICES = ['created', 'saved'] as const;
const ROLES = Object.values(Role);
const LANGUAGES = Object.values(Language);

/** Who may sign in, with which role and language; an account is disabled, never deleted. */
@DashboardPages()
@Roles(Role.Admin)
@Controller('app/admin/users')
export class AdminUsersController {
  constructor(
    private readonly users: UsersService,
    private readonly renderer: DashboardRenderer,
  ) {}

  @Get()
  async list(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    await this.listPage(
      request,
      reply,
      { role: Role.Coordinator },
      undefined,
      noticeOf(query, NOTICES),
    );
  }

  @Post()
  async create(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @FormFields() form: Record<string, string>,
  ): Promise<void> {
    await submitForm(
      CreateUserDto,
      newUserInput(form),
      async (value) => {
        await this.users.create(value);
        redirect(reply, `${PATH}?notice=created`);
      },
      (problems) => this.listPage(request, reply, withoutPassword(form), problems),
    );
  }

  @Get(':id')
  async editForm(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<void> {
    const user = toUserView(await this.users.get(id));
    const values = {
      name: user.name,
      role: user.role,
      language: user.language,
      disabled: user.disabledAt ? 'true' : '',
    };
    this.editPage(request, reply, user, values);
  }

  @Post(':id')
  async update(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseIdPipe) id: string,
    @FormFields() form: Record<string, string>,
  ): Promise<void> {
    const user = toUserView(await this.users.get(id));
    await submitForm(
      UpdateUserDto,
      userChangesInput(form),
      async (value) => {
        await this.users.update(id, value, request.user);
        redirect(reply, `${PATH}?notice=saved`);
      },
      (problems) => this.editPage(request, reply, user, withoutPassword(form), problems),
    );
  }

  private async listPage(
    request: DashboardRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    problems?: FormProblems,
    notice: string | null = null,
  ): Promise<void> {
    const users = (await this.users.list()).map((user) => ({
      ...toUserView(user),
      isSelf: user.id === request.user.id,
    }));
    this.renderer.send(
      reply,
      'admin-users',
      { request },
      { section: 'admin', users, values, problems, notice, roles: ROLES, languages: LANGUAGES },
      problems?.status ?? 200,
    );
  }

  private editPage(
    request: DashboardRequest,
    reply: FastifyReply,
    user: ReturnType<typeof toUserView>,
    values: Record<string, string>,
    problems?: FormProblems,
  ): void {
    this.renderer.send(
      reply,
      'admin-user',
      { request },
      {
        section: 'admin',
        account: user,
        isSelf: user.id === request.user.id,
        values,
        problems,
        roles: ROLES,
        languages: LANGUAGES,
      },
      problems?.status ?? 200,
    );
  }
}

/** A password typed into a refused form is not sent back to the browser in the page. */
function withoutPassword(form: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(form).filter(([name]) => name !== 'password'));
}
