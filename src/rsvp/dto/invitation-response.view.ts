import { ApiProperty } from '@nestjs/swagger';
import { Answer } from '../answer';
import { ResponseSource } from '../response-source';

export class ResponseSubstituteView {
  @ApiProperty({
    format: 'uuid',
    description:
      'The contact; their invitation is the one whose substituteForId points back, unless they were invited already.',
  })
  id!: string;

  @ApiProperty()
  fullName!: string;

  @ApiProperty()
  email!: string;
}

export class ResponseRecorderView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;
}

export class InvitationResponseView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: Answer })
  answer!: Answer;

  @ApiProperty({ enum: ResponseSource, description: 'link: the invitee’s own RSVP page.' })
  source!: ResponseSource;

  @ApiProperty({ nullable: true, type: String })
  note!: string | null;

  @ApiProperty({
    type: ResponseSubstituteView,
    nullable: true,
    description: 'For a delegate answer: the colleague who comes instead.',
  })
  substitute!: ResponseSubstituteView | null;

  @ApiProperty({
    type: ResponseRecorderView,
    nullable: true,
    description: 'The staff member who recorded it; null for the invitee’s own link.',
  })
  recordedBy!: ResponseRecorderView | null;

  @ApiProperty()
  createdAt!: Date;
}
