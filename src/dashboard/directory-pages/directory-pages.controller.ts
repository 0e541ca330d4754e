import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CommitteeListQueryDto } from '../../directory/committees/dto/committee.dto';
import { CommitteesService } from '../../directory/committees/committees.service';
import { ContactsService } from '../../directory/contacts/contacts.service';
import { ContactListQueryDto } from '../../directory/contacts/dto/contact.dto';
import { InstitutionListQueryDto } from '../../directory/institutions/dto/institution.dto';
import { InstitutionsService } from '../../directory/institutions/institutions.service';
import { DashboardPages } from '../dashboard-pages.decorator';
import { DashboardRenderer } from '../dashboard-renderer';
import { DashboardRequest } from '../dashboard-request';

/** Only the totals are wanted: one row per query. */
const COUNT_ONLY = { limit: 1 };

/** The directory's front page: what it holds, a search across contacts, and the way to each list. */
@DashboardPages()
@Controller('app/directory')
export class DirectoryPagesController {
  constructor(
    private readonly institutions: InstitutionsService,
    private readonly contacts: ContactsService,
    private readonly committees: CommitteesService,
    private readonly renderer: DashboardRenderer,
  ) {}

  @Get()
  async overview(@Req() request: DashboardRequest, @Res() reply: FastifyReply): Promise<void> {
    const contactQuery = (filters: Partial<ContactListQueryDto>) =>
      Object.assign(new ContactListQueryDto(), COUNT_ONLY, filters);
    const institutions = await this.institutions.list(
      Object.assign(new InstitutionListQueryDto(), COUNT_ONLY),
    );
    const contacts = await this.contacts.list(contactQuery({}));
    const optedOut = await this.contacts.list(contactQuery({ optedOut: true }));
    const committees = await this.committees.list(
      Object.assign(new CommitteeListQueryDto(), COUNT_ONLY),
    );
    this.renderer.send(
      reply,
      'directory',
      { request },
      {
        section: 'directory',
        totals: {
          institutions: institutions.total,
          contacts: contacts.total,
          optedOut: optedOut.total,
          committees: committees.total,
        },
      },
    );
  }
}
