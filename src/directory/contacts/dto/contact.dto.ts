import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { Language } from '../../../common/language';
import { ListQueryDto, toBoolean } from '../../../common/list-query.dto';
import { IsSingleLine } from '../../../common/validation';

const LANGUAGE_MESSAGE = `must be one of ${Object.values(Language).join(', ')}`;
const CONTACT_SORTS = ['fullName', 'email', 'createdAt'] as const;

export class CreateContactDto {
  @ApiProperty({ example: 'Arbër Hoxha', maxLength: 200 })
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @Length(1, 200, { message: 'must be 1 to 200 characters long' })
  @Matches(/\S/, { message: 'must not be blank' })
  fullName!: string;

  @ApiProperty({
    example: 'arber.hoxha@example.al.test',
    maxLength: 320,
    description: 'Unique among active contacts, compared without regard to case.',
  })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(320, { message: 'must be at most 320 characters long' })
  email!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'An active institution; omit or null for a person who speaks for none.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be an institution id (UUID)' })
  institutionId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Drejtore', maxLength: 200 })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @MaxLength(200, { message: 'must be at most 200 characters long' })
  position?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+355 69 000 0000', maxLength: 50 })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @MaxLength(50, { message: 'must be at most 50 characters long' })
  phone?: string | null;

  @ApiPropertyOptional({
    enum: Language,
    default: Language.Albanian,
    description: 'The language of the e-mails the contact receives.',
  })
  // A contact always has a language: omitting it means Albanian, null is refused.
  @ValidateIf((_, value: unknown) => value !== undefined)
  @IsEnum(Language, { message: LANGUAGE_MESSAGE })
  language?: Language;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000 })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @MaxLength(5000, { message: 'must be at most 5000 characters long' })
  notes?: string | null;
}

/** Opting out is a change to an existing contact, so only the update accepts it. */
class ContactOptOutDto {
  @ApiProperty({
    description:
      'True records that the contact asked not to be invited (with the date); false clears it.',
  })
  @IsBoolean({ message: 'must be true or false' })
  optedOut!: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 500,
    description:
      'Why the contact opted out; only with an opt-out. Defaults to "recorded by staff".',
  })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @MaxLength(500, { message: 'must be at most 500 characters long' })
  optOutReason?: string | null;
}

/** Omitted fields stay as they are; null clears a nullable field and is refused for the others. */
export class UpdateContactDto extends PartialType(
  IntersectionType(CreateContactDto, ContactOptOutDto),
  { skipNullProperties: false },
) {}

export class ContactListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Contacts whose institution is in the county.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a county id (UUID)' })
  countyId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an institution id (UUID)' })
  institutionId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Current members of the committee (membership not ended before today).',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a committee id (UUID)' })
  committeeId?: string;

  @ApiPropertyOptional({ enum: Language })
  @IsOptional()
  @IsEnum(Language, { message: LANGUAGE_MESSAGE })
  language?: Language;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  optedOut?: boolean;

  @ApiPropertyOptional({ enum: CONTACT_SORTS, default: 'fullName' })
  @IsOptional()
  @IsEnum(CONTACT_SORTS, { message: 'must be fullName, email or createdAt' })
  sort: (typeof CONTACT_SORTS)[number] = 'fullName';
}
