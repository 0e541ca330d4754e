import { ApiProperty } from '@nestjs/swagger';
import { SessionStatus } from '../session-kind';

export class SessionAudiencePreviewView {
  @ApiProperty({ format: 'uuid' })
  sessionId!: string;

  @ApiProperty()
  titleSq!: string;

  @ApiProperty()
  titleEn!: string;

  @ApiProperty({ enum: SessionStatus })
  status!: SessionStatus;

  @ApiProperty({ description: 'UTC.' })
  startsAt!: Date;

  @ApiProperty({
    description:
      'People who would be invited today: current committee members, active contacts of the institutions and the single contacts, each once; opted-out and archived contacts left out. Zero for a cancelled session.',
  })
  contactCount!: number;
}

export class AudiencePreviewView {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ type: [SessionAudiencePreviewView], description: 'In order of start.' })
  sessions!: SessionAudiencePreviewView[];

  @ApiProperty({
    description: 'Distinct people over the planned sessions: how many would get an invitation.',
  })
  totalContacts!: number;
}
