import { Module } from '@nestjs/common';
import { PageRenderer } from './page-renderer';

/** Server-rendered HTML pages for people outside the office: the RSVP and opt-out pages. */
@Module({
  providers: [PageRenderer],
  exports: [PageRenderer],
})
export class PagesModule {}
