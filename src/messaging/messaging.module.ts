import { Module } from '@nestjs/common';
import { MailTransport } from './mail-transport';
import { TemplateRenderer } from './template-renderer';

/**
 * Renders and sends e-mail. It knows nothing of rounds or steps: the workflow
 * decides what to send and records the outcome on the message.
 */
@Module({
  providers: [TemplateRenderer, MailTransport],
  exports: [TemplateRenderer, MailTransport],
})
export class MessagingModule {}
