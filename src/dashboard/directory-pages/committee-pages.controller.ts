import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Role } from '../../auth/role';
import { CommitteeMembersService } from '../../directory/committees/committee-members.service';
import { CommitteeRole } from '../../directory/committees/committee-role';
import { toCommitteeView } from '../../directory/committees/committee.view';
import { CommitteesService } from '../../directory/committees/committees.service';
import { officeToday } from '../../directory/committees/current-membership';
import { CommitteeListQueryDto } from '../../directory/committees/dto/committee.dto';
import { AddMemberDto, MemberListQueryDto } from '../../directory/committees/dto/membership.dto';
import { toMembershipView } from '../../directory/committees/membership.view';
import { toContactView } from '../../directory/contacts/contact.view';
import { ContactsService } from '../../directory/contacts/contacts.service';
import { ContactListQueryDto } from '../../directory/contacts/dto/contact.dto';
import { FormFields } from '../../pages/form-fields.decorator';
import { DashboardPages } from '../dashboard-pages.decorator';
import { DashboardRenderer } from '../dashboard-renderer';
import { DashboardRequest, redirect } from '../dashboard-request';
import { DirectoryChoices } from './directory-choices';
import { filtersOf, offsetOf, pagingOf } from './list-paging';
import { listQuery } from './list-query';
import { FormProblems, submitForm } from './page-form';
import { noticeOf } from './page-notice';
import { ParseIdPipe } from '../../common/parse-id.pipe';

const PATH = '/app/directory/committees';
const FILTERS = ['q', 'county', 'archived'] as const;
const NOTICES = ['archived', 'restored', 'memberAdded', 'memberRemoved'] as const;
const NATIONAL = 'national';
const ROLES = Object.values(CommitteeRole);

/** Standing committees: a list, each committee's members, and seating or unseating them. */
@DashboardPages()
@Controller('app/directory/committees')
export class CommitteePagesController {
  constructor(
    private readonly committees: CommitteesService,
    private readonly members: CommitteeMembersService,
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
    const page = await this.committees.list(
      await listQuery(
        CommitteeListQueryDto,
        { q: filters.q, archived: filters.archived, ...county },
        offsetOf(query),
      ),
    );
    const counts = await this.members.countCurrent(
      page.items.map((committee) => committee.id),
      officeToday(),
    );
    this.renderer.send(
      reply,
      'committees',
      { request },
      {
        section: 'directory',
        filters,
        national: NATIONAL,
        counties: await this.choices.countyChoices(),
        committees: page.items.map((committee) =>
          toCommitteeView(committee, counts.get(committee.id) ?? 0),
        ),
        paging: pagingOf(PATH, filters, page),
      },
    );
  }

  @Get(':id')
  async show(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    await this.page(request, reply, id, query);
  }

  @Post(':id/members')
  async addMember(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseIdPipe) id: string,
    @FormFields() form: Record<string, string>,
  ): Promise<void> {
    const query = { find: form.find };
    await submitForm(
      AddMemberDto,
      { contactId: form.contactId ?? '', role: form.role || undefined },
      async (value) => {
        await this.members.add(id, value, officeToday());
        redirect(reply, `${PATH}/${id}?notice=memberAdded`);
      },
      (problems) => this.page(request, reply, id, query, problems),
    );
  }

  /** Ends the seat today; the membership stays in the committee's history. */
  @Post(':id/members/:membershipId/end')
  async endMembership(
    @Res() reply: FastifyReply,
    @Param('id', ParseIdPipe) id: string,
    @Param('membershipId', ParseIdPipe) membershipId: string,
  ): Promise<void> {
    await this.members.end(id, membershipId, officeToday());
    redirect(reply, `${PATH}/${id}?notice=memberRemoved`);
  }

  @Post(':id/archive')
  async archive(@Res() reply: FastifyReply, @Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.committees.setArchived(id, true);
    redirect(reply, `${PATH}/${id}?notice=archived`);
  }

  @Post(':id/restore')
  async restore(@Res() reply: FastifyReply, @Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.committees.setArchived(id, false);
    redirect(reply, `${PATH}/${id}?notice=restored`);
  }

  /**
   * The committee with its members (`?history=true` adds past seats) and,
   * for writers, the search that finds contacts to seat (`?find=`).
   */
  private async page(
    request: DashboardRequest,
    reply: FastifyReply,
    id: string,
    query: Record<string, unknown>,
    problems?: FormProblems,
  ): Promise<void> {
    const today = officeToday();
    const committee = await this.committees.get(id);
    const history = query.history === 'true';
    const memberships = await this.members.list(
      id,
      Object.assign(new MemberListQueryDto(), { all: history }),
      today,
    );
    const members = memberships.map((membership) => toMembershipView(membership, today));
    const seated = new Set(members.filter((m) => m.current).map((m) => m.contact.id));
    const { find } = filtersOf(query, ['find']);
    const found =
      find && request.user.role !== Role.Viewer
        ? await this.contacts.list(await listQuery(ContactListQueryDto, { q: find }, 0))
        : null;
    this.renderer.send(
      reply,
      'committee',
      { request },
      {
        section: 'directory',
        pageSubject: committee.name,
        committee: toCommitteeView(committee, members.filter((m) => m.current).length),
        members,
        history,
        roles: ROLES,
        find: find ?? '',
        candidates: found?.items.map((contact) => ({
          ...toContactView(contact),
          seated: seated.has(contact.id),
        })),
        candidatesTotal: found?.total ?? 0,
        notice: noticeOf(query, NOTICES),
        problems,
      },
      problems?.status ?? 200,
    );
  }
}
