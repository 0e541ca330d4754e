import { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { User } from '../auth/entities/user.entity';
import { AnyRole } from '../auth/roles.decorator';
import { Language } from '../common/language';
import { FormFields } from '../pages/form-fields.decorator';
import { DashboardPages } from './dashboard-pages.decorator';
import { DashboardRequest, redirect, safeReturnPath } from './dashboard-request';

/** The dashboard's language is the user's own choice, kept with their account. */
@DashboardPages()
@Controller('app')
export class PreferencesController {
  constructor(private readonly em: EntityManager) {}

  @Post('language')
  @AnyRole()
  async language(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @FormFields() form: Record<string, string>,
  ): Promise<void> {
    const language = Object.values(Language).find((value) => value === form.language);
    if (language) await this.em.nativeUpdate(User, { id: request.user.id }, { language });
    redirect(reply, safeReturnPath(form.returnTo));
  }
}
