import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsOmittable, IsSingleLine } from '../../common/validation';
import { SessionKind } from '../session-kind';
import { IsOffsetDateTime } from './date-validators';

const KIND_MESSAGE = `must be one of ${Object.values(SessionKind).join(', ')}`;

/** Who is invited. On an update each list given replaces that list; a list left out stays. */
export class SessionAudienceDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Active committees: their current members are invited.',
  })
  @IsOmittable()
  @IsArray({ message: 'must be a list of committee ids' })
  @ArrayMaxSize(100, { message: 'must hold at most 100 committees' })
  @ArrayUnique({ message: 'must not repeat a committee' })
  @IsUUID('all', { each: true, message: 'must hold committee ids (UUIDs)' })
  committeeIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Active institutions: all their active contacts are invited.',
  })
  @IsOmittable()
  @IsArray({ message: 'must be a list of institution ids' })
  @ArrayMaxSize(1000, { message: 'must hold at most 1000 institutions' })
  @ArrayUnique({ message: 'must not repeat an institution' })
  @IsUUID('all', { each: true, message: 'must hold institution ids (UUIDs)' })
  institutionIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Active contacts.' })
  @IsOmittable()
  @IsArray({ message: 'must be a list of contact ids' })
  @ArrayMaxSize(10_000, { message: 'must hold at most 10000 contacts' })
  @ArrayUnique({ message: 'must not repeat a contact' })
  @IsUUID('all', { each: true, message: 'must hold contact ids (UUIDs)' })
  contactIds?: string[];
}

export class CreateSessionDto {
  @ApiProperty({ example: 'Takim me anëtarët e Tryezës Teknike', maxLength: 300 })
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @Length(1, 300, { message: 'must be 1 to 300 characters long' })
  @Matches(/\S/, { message: 'must not be blank' })
  titleSq!: string;

  @ApiProperty({ example: 'Meeting with the members of the Technical Table', maxLength: 300 })
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @Length(1, 300, { message: 'must be 1 to 300 characters long' })
  @Matches(/\S/, { message: 'must not be blank' })
  titleEn!: string;

  @ApiProperty({ enum: SessionKind })
  @IsEnum(SessionKind, { message: KIND_MESSAGE })
  kind!: SessionKind;

  @ApiProperty({
    format: 'date-time',
    example: '2017-11-22T09:00:00+01:00',
    description: "With its UTC offset; on one of the round's days in the campaign's time zone.",
  })
  @IsOffsetDateTime()
  startsAt!: string;

  @ApiProperty({
    format: 'date-time',
    example: '2017-11-22T10:30:00+01:00',
    description: "After startsAt, by the end of the round's last day.",
  })
  @IsOffsetDateTime()
  endsAt!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 300,
    example: 'Institucioni i Prefektit të qarkut Elbasan',
  })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @MaxLength(300, { message: 'must be at most 300 characters long' })
  venueSq?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 300,
    example: "Prefect's Institution, Elbasan county",
  })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @MaxLength(300, { message: 'must be at most 300 characters long' })
  venueEn?: string | null;

  @ApiPropertyOptional({
    type: [String],
    default: [],
    maxItems: 20,
    example: ['identifikimi i viktimave të trafikimit', 'migracioni i parregullt'],
    description: 'What the session discussed, for the report.',
  })
  @IsOmittable()
  @IsArray({ message: 'must be a list of topics' })
  @ArrayMaxSize(20, { message: 'must hold at most 20 topics' })
  @IsString({ each: true, message: 'must hold only text' })
  @Length(1, 300, { each: true, message: 'must hold topics of 1 to 300 characters' })
  topicsSq?: string[];

  @ApiPropertyOptional({
    type: [String],
    default: [],
    maxItems: 20,
    example: ['identification of victims of trafficking', 'irregular migration'],
    description: 'The same topics in English.',
  })
  @IsOmittable()
  @IsArray({ message: 'must be a list of topics' })
  @ArrayMaxSize(20, { message: 'must hold at most 20 topics' })
  @IsString({ each: true, message: 'must hold only text' })
  @Length(1, 300, { each: true, message: 'must hold topics of 1 to 300 characters' })
  topicsEn?: string[];

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 100_000,
    description: 'Seats; null when not limited.',
  })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  @Max(100_000, { message: 'must be at most 100000' })
  capacity?: number | null;

  @ApiPropertyOptional({
    default: false,
    description: 'Whether people who were not invited are counted at the door.',
  })
  @IsOmittable()
  @IsBoolean({ message: 'must be true or false' })
  walkInsCounted?: boolean;

  @ApiPropertyOptional({
    type: SessionAudienceDto,
    description: 'Omitted on creation: nobody is invited by e-mail (a headcount-only session).',
  })
  @IsOmittable()
  @IsObject({ message: 'must be an object with committeeIds, institutionIds and contactIds' })
  @ValidateNested()
  @Type(() => SessionAudienceDto)
  audience?: SessionAudienceDto;
}

/** Omitted fields stay as they are; null clears a nullable field and is refused for the others. */
export class UpdateSessionDto extends PartialType(CreateSessionDto, {
  skipNullProperties: false,
}) {}
