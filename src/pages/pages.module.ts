import { Module } from '@nestjs/common';
import { PageRenderer } from './page-renderer';

/** Server-rendered HTML pages for people outside the office: the RSVP, opt-out and attendance pages. */
@Module({
  providers: [PageRenderer],
  exports: [PageRenderer],
})
export class PagesModule {}
