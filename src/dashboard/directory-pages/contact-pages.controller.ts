import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Role } from '../../auth/role';
import { Roles } from '../../auth/roles.decorator';
import { Language } from '../../common/language';
import { toContactView } from '../../directory/contacts/contact.view';
import { ContactsService } from '../../directory/contacts/contacts.service';
import {
  ContactListQueryDto,
  CreateContactDto,
  UpdateContactDto,
} from '../../directory/contacts/dto/contact.dto';
import { ContactView } from '../../directory/contacts/dto/contact.view';
import { FormFields } from '../../pages/form-fields.decorator';
import { DashboardPages } from '../dashboard-pages.decorator';
import { DashboardRenderer } from '../dashboard-renderer';
import { DashboardRequest, redirect } from '../dashboard-request';
import { contactInput, optOutInput } from './contact-form-input';
import { DirectoryChoices } from './directory-choices';
import { filtersOf, offsetOf, pagingOf } from './list-paging';
import { listQuery } from './list-query';
import { FormProblems, submitForm } from './page-form';
import { noticeOf } from './page-notice';
import { ParseIdPipe } from '../../common/parse-id.pipe';

const PATH = '/app/directory/contacts';
const FILTERS = [
  'q',
  'countyId',
  'institutionId',
  'committeeId',
  'language',
  'optedOut',
  'archived',
] as const;
const NOTICES = ['created', 'saved', 'archived', 'restored'] as const;
const LANGUAGES = Object.values(Language);

/** The people the office invites: a searchable list, one page each, and the forms that change them. */
@DashboardPages()
@Controller('app/directory/contacts')
export class ContactPagesController {
  constructor(
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
    const page = await this.contacts.list(
      await listQuery(ContactListQueryDto, filters, offsetOf(query)),
    );
    this.renderer.send(
      reply,
      'contacts',
      { request },
      {
        section: 'directory',
        filters,
        counties: await this.choices.countyChoices(),
        institutionGroups: await this.choices.institutionGroups(),
        committees: await this.choices.committeeChoices(),
        languages: LANGUAGES,
        contacts: page.items.map(toContactView),
        paging: pagingOf(PATH, filters, page),
      },
    );
  }

  @Get('new')
  @Roles(Role.Admin, Role.Coordinator)
  async newForm(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    // "Add a contact here" on an institution's page comes with the institution chosen.
    const values = filtersOf(query, ['institutionId']);
    await this.showForm(request, reply, null, values);
  }

  @Post()
  async create(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @FormFields() form: Record<string, string>,
  ): Promise<void> {
    await submitForm(
      CreateContactDto,
      contactInput(form, undefined),
      async (value) => {
        const contact = await this.contacts.create(value);
        redirect(reply, `${PATH}/${contact.id}?notice=created`);
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
    const contact = toContactView(await this.contacts.get(id));
    this.renderer.send(
      reply,
      'contact',
      { request },
      {
        section: 'directory',
        pageSubject: contact.fullName,
        contact,
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
    const contact = toContactView(await this.contacts.get(id));
    const values = {
      fullName: contact.fullName,
      email: contact.email,
      institutionId: contact.institution?.id ?? '',
      position: contact.position ?? '',
      phone: contact.phone ?? '',
      language: contact.language,
      notes: contact.notes ?? '',
      optedOut: contact.optedOut ? 'true' : '',
    };
    await this.showForm(request, reply, contact, values);
  }

  @Post(':id')
  async update(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseIdPipe) id: string,
    @FormFields() form: Record<string, string>,
  ): Promise<void> {
    const contact = toContactView(await this.contacts.get(id));
    const input = { ...contactInput(form, null), ...optOutInput(form) };
    await submitForm(
      UpdateContactDto,
      input,
      async (value) => {
        await this.contacts.update(id, value);
        redirect(reply, `${PATH}/${id}?notice=saved`);
      },
      (problems) => this.showForm(request, reply, contact, form, problems),
    );
  }

  @Post(':id/archive')
  async archive(@Res() reply: FastifyReply, @Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.contacts.setArchived(id, true);
    redirect(reply, `${PATH}/${id}?notice=archived`);
  }

  /** Restoring can meet a taken e-mail (409): the error page names it. */
  @Post(':id/restore')
  async restore(@Res() reply: FastifyReply, @Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.contacts.setArchived(id, false);
    redirect(reply, `${PATH}/${id}?notice=restored`);
  }

  /** The create or edit form, with what was typed and, after a mistake, the reasons beside the fields. */
  private async showForm(
    request: DashboardRequest,
    reply: FastifyReply,
    contact: ContactView | null,
    values: Record<string, string>,
    problems?: FormProblems,
  ): Promise<void> {
    this.renderer.send(
      reply,
      'contact-form',
      { request },
      {
        section: 'directory',
        contact,
        action: contact ? `${PATH}/${contact.id}` : PATH,
        cancel: contact ? `${PATH}/${contact.id}` : PATH,
        values,
        problems,
        institutionGroups: await this.choices.institutionGroups(),
        languages: LANGUAGES,
      },
      problems?.status ?? 200,
    );
  }
}
