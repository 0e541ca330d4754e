import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/current-user.decorator';
import { User } from '../auth/entities/user.entity';
import { ApiErrors } from '../common/api-errors.decorator';
import { AttendanceService } from './attendance.service';
import { toAttendanceView } from './attendance.view';
import { RecordAttendanceDto } from './dto/attendance.dto';
import { AttendanceCorrectionView, AttendanceView } from './dto/attendance.view';
import { ParseIdPipe } from '../common/parse-id.pipe';

/** Who came to a session: invitees ticked off, walk-ins written down, and the room counted. */
@ApiTags('attendance')
@ApiBearerAuth()
@Controller('api/sessions/:id/attendance')
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Get()
  @ApiOperation({
    summary:
      "The session's attendance: every invitee with their mark, the walk-ins and the head count.",
  })
  @ApiOkResponse({ type: AttendanceView })
  @ApiErrors(400, 401, 404)
  async get(@Param('id', ParseIdPipe) id: string): Promise<AttendanceView> {
    return toAttendanceView(await this.attendance.get(id));
  }

  @Put()
  @ApiOperation({
    summary: "Record the session's attendance, replacing what was recorded before.",
    description:
      'The body is the whole record: invitees left out become unrecorded, walk-ins and the head count are replaced. Possible from an hour before the session starts, for a scheduled, running or completed round and a session that is not cancelled (409 otherwise). Once the follow-up has gone out the attendance is closed: only an admin can change it (403 for others), and each change is kept under corrections. An invitation of another session gives 422 naming the entry, as does a breakdown adding up to more than the total.',
  })
  @ApiOkResponse({ type: AttendanceView, description: 'The record as it now stands.' })
  @ApiErrors(400, 401, 403, 404, 409, 413, 422)
  async record(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: RecordAttendanceDto,
    @CurrentUser() user: User,
  ): Promise<AttendanceView> {
    await this.attendance.record(id, body, user);
    return toAttendanceView(await this.attendance.get(id));
  }

  @Get('corrections')
  @ApiOperation({
    summary: 'Changes to the attendance made after it closed, with who made them, oldest first.',
    description:
      "Attendance closes when the round's follow-up goes out; after that only an admin can change it, and each change is kept here.",
  })
  @ApiOkResponse({ type: [AttendanceCorrectionView] })
  @ApiErrors(400, 401, 404)
  async corrections(@Param('id', ParseIdPipe) id: string): Promise<AttendanceCorrectionView[]> {
    return (await this.attendance.corrections(id)).map((correction) => ({
      correctedAt: correction.correctedAt,
      correctedBy: { id: correction.correctedBy.id, name: correction.correctedBy.name },
      before: correction.before,
      after: correction.after,
    }));
  }
}
