import { Module } from '@nestjs/common';
import { PagesModule } from '../pages/pages.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { InvitationResponsesController } from './invitation-responses.controller';
import { OptOutService } from './opt-out.service';
import { RsvpPageController } from './rsvp-page.controller';
import { RsvpService } from './rsvp.service';
import { UnsubscribePageController } from './unsubscribe-page.controller';

/**
 * Answers to invitations (the invitee's link and staff) and opt-outs.
 * Each answer sets off its e-mails through the workflow's AnswerMail.
 */
@Module({
  imports: [PagesModule, WorkflowModule],
  controllers: [RsvpPageController, UnsubscribePageController, InvitationResponsesController],
  providers: [RsvpService, OptOutService],
  exports: [RsvpService],
})
export class RsvpModule {}
