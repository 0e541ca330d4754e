import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsEnum,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Answer } from '../answer';
import { STAFF_SOURCES, StaffSource } from '../response-source';
import { IsSingleLine } from '../../common/validation';

const ANSWER_MESSAGE = `must be one of ${Object.values(Answer).join(', ')}`;
const SOURCE_MESSAGE = `must be one of ${STAFF_SOURCES.join(', ')}`;

/** The colleague who comes instead; the RSVP page's form checks its fields with these rules too. */
export class SubstituteDto {
  @ApiProperty({ example: 'Drita Koçi', maxLength: 200 })
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @Length(1, 200, { message: 'must be 1 to 200 characters long' })
  @Matches(/\S/, { message: 'must not be blank' })
  fullName!: string;

  @ApiProperty({
    example: 'drita.koci@example.al.test',
    maxLength: 320,
    description:
      'An active contact with this e-mail (compared without regard to case) is the colleague; otherwise one is created at the invitee’s institution, in the invitee’s language.',
  })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(320, { message: 'must be at most 320 characters long' })
  email!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Specialiste', maxLength: 200 })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @MaxLength(200, { message: 'must be at most 200 characters long' })
  position?: string | null;
}

/** An answer the invitee gave to staff rather than through their link. */
export class StaffAnswerDto {
  @ApiProperty({ enum: Answer })
  @IsEnum(Answer, { message: ANSWER_MESSAGE })
  answer!: Answer;

  @ApiProperty({ enum: STAFF_SOURCES, description: 'How the answer reached the office.' })
  @IsIn(STAFF_SOURCES, { message: SOURCE_MESSAGE })
  source!: StaffSource;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 1000,
    example: 'Called the office: away on duty outside the county that day.',
  })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @MaxLength(1000, { message: 'must be at most 1000 characters long' })
  note?: string | null;

  @ApiPropertyOptional({
    type: SubstituteDto,
    description: 'Required with answer delegate, refused with the others.',
  })
  @ValidateIf(
    (dto: StaffAnswerDto) => dto.answer === Answer.Delegate || dto.substitute !== undefined,
  )
  @IsObject({ message: 'must be an object with fullName, email and position' })
  @ValidateNested()
  @Type(() => SubstituteDto)
  substitute?: SubstituteDto;
}
