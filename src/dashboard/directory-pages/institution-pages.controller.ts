import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ContactListQueryDto } from '../../directory/contacts/dto/contact.dto';
import { toContactView } from '../../directory/contacts/contact.view';
import { ContactsService } from '../../directory/contacts/contacts.service';
import {
  CreateInstitutionDto,
  InstitutionListQueryDto,
  UpdateInstitutionDto,
} from '../../directory/institutions/dto/institution.dto';
import { InstitutionKind } from '../../directory/institutions/institution-kind';
import { toInstitutionView } from '../../directory/institutions/institution.view';
import { InstitutionsService } from '../../directory/institutions/institutions.service';
import { Role } from '../../auth/role';
import { Roles } from '../../auth/roles.decorator';
import { FormFields } from '../../pages/form-fields.decorator';
import { DashboardPages } from '../dashboard-pages.decorator';
import { DashboardRenderer } from '../dashboard-renderer';
import { DashboardRequest, redirect } from '../dashboard-request';
import { DirectoryChoices } from './directory-choices';
import { institutionInput } from './institution-form-input';
import { filtersOf, offsetOf, PAGE_SIZE, pagingOf } from './list-paging';
import { listQuery } from './list-query';
import { FormProblems, submitForm } from './page-form';
import { noticeOf } from './page-notice';
import { ParseIdPipe } from '../../common/parse-id.pipe';

const PATH = '/app/directory/institutions';
const FILTERS = ['q', 'county', 'kind', 'archived'] as const;
const NOTICES = ['created', 'saved', 'archived', 'restored'] as const;
/** The county filter's value for institutions that belong to no county. */
const NATIONAL = 'national';
const KINDS = Object.values(InstitutionKind);

/** The directory's institutions: a searchable list, one page each, and the forms that change them. */
@DashboardPages()
@Controller('app/directory/institutions')
export class InstitutionPagesController {
  constructor(
    private readonly institutions: InstitutionsService,
    private readonly contacts: ContactsService,
    private readonly choices: DirectoryChoices,
    private readonly renderer: DashboardRenderer,
  ) {}

  @Get()
  async list(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const filters = filtersOf(query, FILTERS);
    const county =
      filters.county === NATIONAL ? { national: 'true' } : { countyId: filters.county };
    const page = await this.institutions.list(
      await listQuery(
        InstitutionListQueryDto,
        { q: filters.q, kind: filters.kind, archived: filters.archived, ...county },
        offsetOf(query),
      ),
    );
    this.renderer.send(
      reply,
      'institutions',
      { request },
      {
        section: 'directory',
        filters,
        national: NATIONAL,
        counties: await this.choices.countyChoices(),
        kinds: KINDS,
        institutions: page.items.map(toInstitutionView),
        paging: pagingOf(PATH, filters, page),
      },
    );
  }

  @Get('new')
  @Roles(Role.Admin, Role.Coordinator)
  async newForm(@Req() request: DashboardRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.showForm(request, reply, null, {});
  }

  @Post()
  async create(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @FormFields() form: Record<string, string>,
  ): Promise<void> {
    await submitForm(
      CreateInstitutionDto,
      institutionInput(form, undefined),
      async (value) => {
        const institution = await this.institutions.create(value);
        redirect(reply, `${PATH}/${institution.id}?notice=created`);
      },
      (problems) => this.showForm(request, reply, null, form, problems),
    );
  }

  @Get(':id')
  async show(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const institution = await this.institutions.get(id);
    const people = await this.contacts.list(
      await listQuery(ContactListQueryDto, { institutionId: id }, 0),
    );
    this.renderer.send(
      reply,
      'institution',
      { request },
      {
        section: 'directory',
        pageSubject: institution.name,
        institution: toInstitutionView(institution),
        contacts: people.items.map(toContactView),
        contactsTotal: people.total,
        moreContacts: people.total > PAGE_SIZE,
        notice: noticeOf(query, NOTICES),
      },
    );
  }

  @Get(':id/edit')
  @Roles(Role.Admin, Role.Coordinator)
  async editForm(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<void> {
    const institution = toInstitutionView(await this.institutions.get(id));
    const values = {
      name: institution.name,
      kind: institution.kind,
      countyId: institution.county?.id ?? '',
      email: institution.email ?? '',
      phone: institution.phone ?? '',
      address: institution.address ?? '',
    };
    await this.showForm(request, reply, id, values);
  }

  @Post(':id')
  async update(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseIdPipe) id: string,
    @FormFields() form: Record<string, string>,
  ): Promise<void> {
    await this.institutions.get(id);
    await submitForm(
      UpdateInstitutionDto,
      institutionInput(form, null),
      async (value) => {
        await this.institutions.update(id, value);
        redirect(reply, `${PATH}/${id}?notice=saved`);
      },
      (problems) => this.showForm(request, reply, id, form, problems),
    );
  }

  @Post(':id/archive')
  async archive(@Res() reply: FastifyReply, @Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.institutions.setArchived(id, true);
    redirect(reply, `${PATH}/${id}?notice=archived`);
  }

  @Post(':id/restore')
  async restore(@Res() reply: FastifyReply, @Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.institutions.setArchived(id, false);
    redirect(reply, `${PATH}/${id}?notice=restored`);
  }

  /** The create or edit form, with what was typed and, after a mistake, the reasons beside the fields. */
  private async showForm(
    request: DashboardRequest,
    reply: FastifyReply,
    id: string | null,
    values: Record<string, string>,
    problems?: FormProblems,
  ): Promise<void> {
    this.renderer.send(
      reply,
      'institution-form',
      { request },
      {
        section: 'directory',
        id,
        action: id ? `${PATH}/${id}` : PATH,
        cancel: id ? `${PATH}/${id}` : PATH,
        values,
        problems,
        counties: await this.choices.countyChoices(),
        kinds: KINDS,
      },
      problems?.status ?? 200,
    );
  }
}
