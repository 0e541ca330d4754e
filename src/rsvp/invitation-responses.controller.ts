import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/current-user.decorator';
import { User } from '../auth/entities/user.entity';
import { ApiErrors } from '../common/api-errors.decorator';
import { InvitationView } from '../rounds/dto/invitation.view';
import { toInvitationView } from '../rounds/invitation.view';
import { StaffAnswerDto } from './dto/answer.dto';
import { InvitationResponseView } from './dto/invitation-response.view';
import { toInvitationResponseView } from './invitation-response.view';
import { RsvpService } from './rsvp.service';
import { ParseIdPipe } from '../common/parse-id.pipe';

/** Answers staff record for invitees who phoned, wrote or said it in person, and the history of answers. */
@ApiTags('rsvp')
@ApiBearerAuth()
@Controller('api/invitations/:id')
export class InvitationResponsesController {
  constructor(private readonly rsvp: RsvpService) {}

  @Post('response')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record an answer the invitee gave by phone, letter, e-mail or in person.',
    description:
      'The rules of the invitee’s own RSVP page apply: once the session has started or if it was cancelled the answer is refused (409), the last answer wins, and repeating the current answer records nothing. With answer delegate the colleague gets an invitation of their own to the same session (substituteForId points back here); a colleague who opted out is refused (422).',
  })
  @ApiOkResponse({ type: InvitationView, description: 'The invitation as it now stands.' })
  @ApiErrors(400, 401, 403, 404, 409, 413, 422)
  async respond(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: StaffAnswerDto,
    @CurrentUser() user: User,
  ): Promise<InvitationView> {
    const { invitation } = await this.rsvp.answer(id, { ...body, recordedBy: user });
    return toInvitationView(invitation);
  }

  @Get('responses')
  @ApiOperation({
    summary:
      'Every answer the invitation received, oldest first, with how it came and who recorded it.',
  })
  @ApiOkResponse({ type: [InvitationResponseView] })
  @ApiErrors(400, 401, 404)
  async responses(@Param('id', ParseIdPipe) id: string): Promise<InvitationResponseView[]> {
    const history = await this.rsvp.history(await this.rsvp.get(id));
    return history.map(toInvitationResponseView);
  }
}
