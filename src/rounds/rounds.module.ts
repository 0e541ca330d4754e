import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { DirectoryModule } from '../directory/directory.module';
import { AudiencePreviewService } from './audience-preview.service';
import { AudienceResolver } from './audience-resolver';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { RoundsController } from './rounds.controller';
import { RoundsService } from './rounds.service';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

/** County rounds, their sessions and audiences, and the invitations they led to. */
@Module({
  imports: [CampaignsModule, DirectoryModule],
  controllers: [RoundsController, SessionsController, InvitationsController],
  providers: [
    RoundsService,
    SessionsService,
    AudienceResolver,
    AudiencePreviewService,
    InvitationsService,
  ],
  exports: [
    RoundsService,
    SessionsService,
    AudienceResolver,
    InvitationsService,
    AudiencePreviewService,
  ],
})
export class RoundsModule {}
