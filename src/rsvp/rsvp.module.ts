import { Module } from '@nestjs/common';
import { PagesModule } from '../pages/pages.module';
import { InvitationResponsesController } from './invitation-responses.controller';
import { OptOutService } from './opt-out.service';
import { RsvpPageController } from './rsvp-page.controller';
import { RsvpService } from './rsvp.service';
import { UnsubscribePageController } from './unsubscribe-page.controller';

/**
 * Answers to invitations (the invitee's link and staff) and opt-outs.
 */
@Module({
  imports: [PagesModule],
  controllers: [RsvpPageController, UnsubscribePageController, InvitationResponsesController],
  providers: [RsvpService, OptOutService],
})
export class RsvpModule {}
