import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator';
import { InvitationListQueryDto } from './dto/invitation.dto';
import { InvitationPage } from './dto/invitation.view';
import { toInvitationView } from './invitation.view';
import { InvitationsService } from './invitations.service';
import { RoundsService } from './rounds.service';
import { ParseIdPipe } from '../common/parse-id.pipe';

@ApiTags('rounds')
@ApiBearerAuth()
@Controller('api/rounds/:id/invitations')
export class InvitationsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Who was invited to which session and what they answered, by session then name.',
  })
  @ApiOkResponse({ type: InvitationPage })
  @ApiErrors(400, 401, 404)
  async list(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: InvitationListQueryDto,
  ): Promise<InvitationPage> {
    const page = await this.invitations.list(await this.rounds.get(id), query);
    return { ...page, items: page.items.map(toInvitationView) };
  }
}
