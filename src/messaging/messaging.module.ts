import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { MailTransport } from './mail-transport';
import {
  DEFAULT_TEMPLATES_DIRECTORY,
  TEMPLATES_DIRECTORY,
  TemplateRenderer,
} from './template-renderer';

/**
 * Renders and sends e-mail. It knows nothing of rounds or steps: the workflow
 * decides what to send and records the outcome on the message.
 */
@Module({
  providers: [
    {
      provide: TEMPLATES_DIRECTORY,
      useFactory: (config: AppConfig) => config.emailTemplatesDir ?? DEFAULT_TEMPLATES_DIRECTORY,
      inject: [AppConfig],
    },
    TemplateRenderer,
    MailTransport,
  ],
  exports: [TemplateRenderer, MailTransport],
})
export class MessagingModule {}
