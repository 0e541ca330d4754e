import { Controller, Get, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { FormFields } from '../pages/form-fields.decorator';
import { PageName } from '../pages/page-name';
import { PageRenderer } from '../pages/page-renderer';
import { PublicPages } from '../pages/public-pages.decorator';
import { sendPage, withPageHeaders } from '../pages/send-page';
import { AttendanceForm, readAttendanceForm } from './attendance-form';
import { attendancePageData, AttendancePageState, sheetOpen } from './attendance-page';
import { AttendanceLink, AttendancePageService } from './attendance-page.service';
import { AttendanceService } from './attendance.service';
import { toAttendanceView } from './attendance.view';

/**
 * The attendance sheet behind the link the staff member in charge of a round
 * receives: the record of PUT /api/sessions/:id/attendance, as a form that
 * works on a phone without JavaScript.
 */
@PublicPages()
@Controller('attendance')
export class AttendancePageController {
  constructor(
    private readonly links: AttendancePageService,
    private readonly attendance: AttendanceService,
    private readonly pages: PageRenderer,
  ) {}

  /** Shows the sheet as recorded; changes nothing, as mail scanners open links too. */
  @Get(':token')
  async show(
    @Param('token') token: string,
    @Query('saved') saved: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const link = await this.links.sessionForLink(token);
    await this.send(reply, HttpStatus.OK, link, { saved: saved === '1' });
  }

  /**
   * Records the whole sheet in the staff member's name, replacing what was
   * recorded before, then redirects to the page (303), so that reloading the
   * confirmation does not send it again. A sheet the API would refuse is
   * shown again as typed, with what is wrong (422), having written nothing.
   */
  @Post(':token')
  async save(
    @Param('token') token: string,
    @FormFields() fields: Record<string, string>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const link = await this.links.sessionForLink(token);
    // The page says why (cancelled, or when it opens) where the service would only refuse.
    if (!sheetOpen(link.session, new Date())) {
      return this.send(reply, HttpStatus.CONFLICT, link, {});
    }
    const form = new AttendanceForm(readAttendanceForm(fields));
    try {
      await this.attendance.record(link.session.id, await form.toDto(), link.staff);
    } catch (error) {
      const problems = form.problemsIn(error);
      if (!problems) throw error;
      return this.send(reply, HttpStatus.UNPROCESSABLE_ENTITY, link, {
        refused: { sheet: form.sheet, problems },
      });
    }
    // Relative to /attendance/, so the visitor stays on the address they used, whatever proxy is in front.
    void withPageHeaders(reply).redirect(`${token}?saved=1`, HttpStatus.SEE_OTHER);
  }

  private async send(
    reply: FastifyReply,
    status: number,
    { session, staff }: AttendanceLink,
    state: AttendancePageState,
  ): Promise<void> {
    const now = new Date();
    const record = sheetOpen(session, now)
      ? toAttendanceView(await this.attendance.get(session.id))
      : null;
    const data = attendancePageData(session, staff.language, record, now, state);
    sendPage(reply, status, this.pages.render(PageName.Attendance, staff.language, data));
  }
}
