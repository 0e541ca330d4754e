import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { UpdateSessionDto } from '../../rounds/dto/session.dto';

const SCHEDULE_VERSION = {
  type: Number,
  minimum: 0,
  example: 3,
  description:
    "The round's scheduleVersion as the caller last read it; the change is refused with 409 when the round has moved on since. The same as an If-Match header with the round's ETag; left out (and without If-Match), the change applies to whatever version is current.",
};

/** The version a change was decided on, declared once for every body that carries it. */
function ScheduleVersionSeen(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional(SCHEDULE_VERSION),
    IsOptional(),
    IsInt({ message: 'must be a whole number' }),
    Min(0, { message: 'must be at least 0' }),
    Max(999_999_999, { message: 'must be at most 999999999' }),
  );
}

/** The optional body of a cancellation: the version it was decided on. */
export class CancelDto {
  @ScheduleVersionSeen()
  scheduleVersion?: number;
}

/** A session's changes, with the version they were decided on. */
export class SessionChangeDto extends UpdateSessionDto {
  @ScheduleVersionSeen()
  scheduleVersion?: number;
}
