import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
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
import { AddMemberDto, MemberListQueryDto, UpdateMembershipDto } from './dto/membership.dto';
import { MembershipView } from './dto/membership.view';
import { toMembershipView } from './membership.view';
import { ParseIdPipe } from '../../common/parse-id.pipe';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/committees/:id/members')
export class CommitteeMembersController {
  constructor(private readonly members: CommitteeMembersService) {}

  @Get()
  @ApiOperation({
    summary: 'Current members, chair first then by name; past ones too with ?all=true.',
  })
  @ApiOkResponse({ type: [MembershipView] })
  @ApiErrors(400, 401, 404)
  async list(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: MemberListQueryDto,
  ): Promise<MembershipView[]> {
    const today = officeToday();
    const memberships = await this.members.list(id, query, today);
    return memberships.map((membership) => toMembershipView(membership, today));
  }

  @Post()
  @ApiOperation({ summary: 'Seats an active contact on the committee, from today unless told.' })
  @ApiCreatedResponse({ type: MembershipView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 422)
  async add(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: AddMemberDto,
  ): Promise<MembershipView> {
    const today = officeToday();
    return toMembershipView(await this.members.add(id, body, today), today);
  }

  @Patch(':membershipId')
  @ApiOperation({ summary: 'Changes the role or the dates; setting endsOn ends the seat.' })
  @ApiOkResponse({ type: MembershipView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 422)
  async update(
    @Param('id', ParseIdPipe) id: string,
    @Param('membershipId', ParseIdPipe) membershipId: string,
    @Body() body: UpdateMembershipDto,
  ): Promise<MembershipView> {
    const today = officeToday();
    return toMembershipView(await this.members.update(id, membershipId, body, today), today);
  }

  @Delete(':membershipId')
  @ApiOperation({
    summary: 'Ends the seat today; the membership stays in the history (?all=true).',
  })
  @ApiOkResponse({ type: MembershipView })
  @ApiErrors(400, 401, 403, 404)
  async end(
    @Param('id', ParseIdPipe) id: string,
    @Param('membershipId', ParseIdPipe) membershipId: string,
  ): Promise<MembershipView> {
    const today = officeToday();
    return toMembershipView(await this.members.end(id, membershipId, today), today);
  }
}
