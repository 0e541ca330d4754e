import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../../common/api-errors.decorator';
import { CommitteeMembersService } from './committee-members.service';
import { officeToday } from './current-membership';
import { Committee } from './committee.entity';
import { toCommitteeView } from './committee.view';
import { CommitteesService } from './committees.service';
import { CommitteeListQueryDto, CreateCommitteeDto, UpdateCommitteeDto } from './dto/committee.dto';
import { CommitteePage, CommitteeView } from './dto/committee.view';
import { ParseIdPipe } from '../../common/parse-id.pipe';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/committees')
export class CommitteesController {
  constructor(
    private readonly committees: CommitteesService,
    private readonly members: CommitteeMembersService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Committees, filtered by county and text; archived ones only on request.',
  })
  @ApiOkResponse({ type: CommitteePage })
  @ApiErrors(400, 401)
  async list(@Query() query: CommitteeListQueryDto): Promise<CommitteePage> {
    const page = await this.committees.list(query);
    return { ...page, items: await this.toViews(page.items) };
  }

  @Get(':id')
  @ApiOkResponse({ type: CommitteeView })
  @ApiErrors(400, 401, 404)
  async get(@Param('id', ParseIdPipe) id: string): Promise<CommitteeView> {
    return this.toView(await this.committees.get(id));
  }

  @Post()
  @ApiCreatedResponse({ type: CommitteeView })
  @ApiErrors(400, 401, 403, 413, 422)
  async create(@Body() body: CreateCommitteeDto): Promise<CommitteeView> {
    return this.toView(await this.committees.create(body));
  }

  @Patch(':id')
  @ApiOkResponse({ type: CommitteeView })
  @ApiErrors(400, 401, 403, 404, 413, 422)
  async update(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateCommitteeDto,
  ): Promise<CommitteeView> {
    return this.toView(await this.committees.update(id, body));
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Archive: hidden from lists and closed to new members; memberships are kept.',
  })
  @ApiOkResponse({ type: CommitteeView })
  @ApiErrors(400, 401, 403, 404)
  async archive(@Param('id', ParseIdPipe) id: string): Promise<CommitteeView> {
    return this.toView(await this.committees.setArchived(id, true));
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOkResponse({ type: CommitteeView })
  @ApiErrors(400, 401, 403, 404)
  async restore(@Param('id', ParseIdPipe) id: string): Promise<CommitteeView> {
    return this.toView(await this.committees.setArchived(id, false));
  }

  private async toView(committee: Committee): Promise<CommitteeView> {
    const [view] = await this.toViews([committee]);
    return view;
  }

  private async toViews(committees: Committee[]): Promise<CommitteeView[]> {
    const counts = await this.members.countCurrent(
      committees.map((committee) => committee.id),
      officeToday(),
    );
    return committees.map((committee) => toCommitteeView(committee, counts.get(committee.id) ?? 0));
  }
}
