import { ApiProperty } from '@nestjs/swagger';
import { SessionKind, SessionStatus } from '../session-kind';

export class SessionLocalTimesView {
  @ApiProperty({ example: '2017-11-22T09:00:00+01:00' })
  startsAt!: string;

  @ApiProperty({ example: '2017-11-22T10:30:00+01:00' })
  endsAt!: string;

  @ApiProperty({ example: 'Europe/Tirane' })
  timeZone!: string;
}

export class SessionAudienceView {
  @ApiProperty({ type: [String], format: 'uuid' })
  committeeIds!: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  institutionIds!: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  contactIds!: string[];

  @ApiProperty()
  committeeCount!: number;

  @ApiProperty()
  institutionCount!: number;

  @ApiProperty()
  contactCount!: number;
}

export class SessionView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty()
  titleSq!: string;

  @ApiProperty()
  titleEn!: string;

  @ApiProperty({ enum: SessionKind })
  kind!: SessionKind;

  @ApiProperty({ enum: SessionStatus })
  status!: SessionStatus;

  @ApiProperty({ description: 'UTC.' })
  startsAt!: Date;

  @ApiProperty({ description: 'UTC.' })
  endsAt!: Date;

  @ApiProperty({
    type: SessionLocalTimesView,
    description: "The same times with the offset of the campaign's time zone.",
  })
  local!: SessionLocalTimesView;

  @ApiProperty({ nullable: true, type: String })
  venueSq!: string | null;

  @ApiProperty({ nullable: true, type: String })
  venueEn!: string | null;

  @ApiProperty({ type: [String] })
  topicsSq!: string[];

  @ApiProperty({ type: [String] })
  topicsEn!: string[];

  @ApiProperty({ nullable: true, type: Number })
  capacity!: number | null;

  @ApiProperty()
  walkInsCounted!: boolean;

  @ApiProperty({
    description:
      'The revision, raised on each change of times, title or venue and on cancellation; each invitee’s calendar SEQUENCE follows what they were last told.',
  })
  sequence!: number;

  @ApiProperty({
    type: SessionAudienceView,
    description:
      'Who is asked; GET /api/rounds/{id}/audience-preview says how many people that is.',
  })
  audience!: SessionAudienceView;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty()
  updatedAt!: Date;
}
