import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Role } from '../../auth/role';
import { UsersService } from '../../auth/users.service';
import { Campaign } from '../../campaigns/campaign.entity';
import { CampaignsService } from '../../campaigns/campaigns.service';
import { CountiesService } from '../../directory/counties/counties.service';
import { RoundsService } from '../../rounds/rounds.service';
import { DashboardPages } from '../dashboard-pages.decorator';
import { DashboardRenderer } from '../dashboard-renderer';
import { DashboardRequest, redirect } from '../dashboard-request';
import { FormErrors, formErrors, NO_ERRORS, userProblems } from './form-errors';
import { FormInput } from './form-input';
import { inLanguage } from './plan-view';
import { officeDate } from './office-time';
import {
  needsPastConfirmation,
  roundDto,
  roundFieldOf,
  RoundFormValues,
  roundFormValues,
} from './round-form';
import { WritersOnly } from './writers-only.decorator';
import { ParseIdPipe } from '../../common/parse-id.pipe';

/** The staff who can be put in charge of a round, as RoundsService accepts them. */
const STAFF_ROLES = [Role.Admin, Role.Coordinator];

/** A new draft round of a campaign: county, days and the staff member in charge; sessions come next. */
@DashboardPages()
@Controller('app/campaigns')
export class RoundCreateController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly counties: CountiesService,
    private readonly users: UsersService,
    private readonly rounds: RoundsService,
    private readonly renderer: DashboardRenderer,
  ) {}

  @Get(':id/rounds/new')
  @WritersOnly()
  async show(
    @Param('id', ParseIdPipe) id: string,
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const campaign = await this.campaigns.get(id);
    const values = {
      countyId: '',
      startsOn: '',
      endsOn: '',
      staffUserId: request.user.id,
      pastConfirmed: false,
    };
    await this.send(reply, request, campaign, values, NO_ERRORS);
  }

  @Post(':id/rounds/new')
  async create(
    @Param('id', ParseIdPipe) id: string,
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const campaign = await this.campaigns.get(id);
    const values = roundFormValues(FormInput.of(request.body));
    const { dto, problems } = await roundDto(id, values);
    if (problems.length) {
      return this.send(reply, request, campaign, values, formErrors(problems, roundFieldOf), 400);
    }
    if (needsPastConfirmation(values, officeDate(new Date()))) {
      // Asked, not refused: nothing is wrong with the form, it only needs the office's word.
      return this.send(reply, request, campaign, values, NO_ERRORS, 200, true);
    }
    try {
      const round = await this.rounds.create(dto);
      redirect(reply, `/app/rounds/${round.id}/plan`);
    } catch (exception) {
      const refused = userProblems(exception);
      const errors = formErrors(refused.problems, roundFieldOf);
      await this.send(reply, request, campaign, values, errors, refused.status);
    }
  }

  private async send(
    reply: FastifyReply,
    request: DashboardRequest,
    campaign: Campaign,
    values: RoundFormValues,
    errors: FormErrors,
    status = 200,
    askPast = false,
  ): Promise<void> {
    const staff = (await this.users.list()).filter(
      (user) => user.disabledAt === null && STAFF_ROLES.includes(user.role),
    );
    this.renderer.send(
      reply,
      'round-plan-new',
      { request },
      {
        section: 'campaigns',
        campaign: {
          id: campaign.id,
          name: inLanguage(request.user.language, campaign.nameSq, campaign.nameEn),
          archived: campaign.archivedAt !== null,
        },
        counties: await this.counties.list(),
        staff: staff.map((user) => ({ id: user.id, name: user.name, email: user.email })),
        values,
        errors,
        askPast: askPast || values.pastConfirmed,
      },
      status,
    );
  }
}
