import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsEnum,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Language } from '../../common/language';
import { ListQueryDto } from '../../common/list-query.dto';
import { IsOmittable, IsSingleLine } from '../../common/validation';
import { DEFAULT_WORKFLOW_POLICY } from '../workflow-policy';
import { IsIanaTimeZone } from './campaign-validators';
import { WorkflowPolicyDto } from './workflow-policy.dto';

const LANGUAGES_MESSAGE = `must hold one or both of ${Object.values(Language).join(', ')}`;
const CAMPAIGN_SORTS = ['nameSq', 'nameEn', 'createdAt'] as const;

/** An institution the campaign is run with, as the reports name it. */
export class CampaignPartnerDto {
  @ApiProperty({ example: 'Organizata Ndërkombëtare për Migracionin (IOM)', maxLength: 300 })
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @Length(1, 300, { message: 'must be 1 to 300 characters long' })
  @Matches(/\S/, { message: 'must not be blank' })
  nameSq!: string;

  @ApiProperty({ example: 'International Organization for Migration (IOM)', maxLength: 300 })
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @Length(1, 300, { message: 'must be 1 to 300 characters long' })
  @Matches(/\S/, { message: 'must not be blank' })
  nameEn!: string;
}

export class CreateCampaignDto {
  @ApiProperty({ example: 'Mbi parandalimin e migracionit të parregullt', maxLength: 300 })
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @Length(1, 300, { message: 'must be 1 to 300 characters long' })
  @Matches(/\S/, { message: 'must not be blank' })
  nameSq!: string;

  @ApiProperty({ example: 'On preventing irregular migration', maxLength: 300 })
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @Length(1, 300, { message: 'must be 1 to 300 characters long' })
  @Matches(/\S/, { message: 'must not be blank' })
  nameEn!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 300,
    example: 'Zgjidhni mundësitë, jo migracionin e parregullt!',
  })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @MaxLength(300, { message: 'must be at most 300 characters long' })
  sloganSq?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 300,
    example: 'Choose opportunities, not irregular migration!',
  })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @MaxLength(300, { message: 'must be at most 300 characters long' })
  sloganEn?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 300,
    example: 'Zyra e Koordinatorit Kombëtar për Çështje të Luftës kundër Trafikimit të Personave',
  })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @MaxLength(300, { message: 'must be at most 300 characters long' })
  organiserSq?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 300,
    example: 'Office of the National Coordinator for the Fight against Trafficking in Persons',
  })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @MaxLength(300, { message: 'must be at most 300 characters long' })
  organiserEn?: string | null;

  @ApiPropertyOptional({
    type: [CampaignPartnerDto],
    default: [],
    maxItems: 30,
    description: 'The institutions the campaign is run with, in the order the reports list them.',
  })
  @IsOmittable()
  @IsArray({ message: 'must be a list of partners with nameSq and nameEn' })
  @ArrayMaxSize(30, { message: 'must hold at most 30 partners' })
  @ValidateNested({ each: true })
  @Type(() => CampaignPartnerDto)
  partners?: CampaignPartnerDto[];

  @ApiPropertyOptional({
    enum: Language,
    isArray: true,
    default: [Language.Albanian, Language.English],
    description: 'The languages the campaign offers; each contact gets theirs.',
  })
  @IsOmittable()
  @IsArray({ message: LANGUAGES_MESSAGE })
  @ArrayNotEmpty({ message: LANGUAGES_MESSAGE })
  @ArrayUnique({ message: 'must not repeat a language' })
  @IsEnum(Language, { each: true, message: LANGUAGES_MESSAGE })
  languages?: Language[];

  @ApiPropertyOptional({
    default: 'Europe/Tirane',
    maxLength: 64,
    description:
      'IANA time zone the sessions are shown in and the send window is read in; stored in its canonical spelling.',
  })
  @IsOmittable()
  @IsString({ message: 'must be an IANA time zone such as Europe/Tirane' })
  @IsSingleLine()
  @MaxLength(64, { message: 'must be at most 64 characters long' })
  @IsIanaTimeZone()
  timeZone?: string;

  @ApiProperty({
    example: 'Zyra e Koordinatorit Kombëtar kundër Trafikimit',
    maxLength: 200,
    description: 'The name the e-mails come from.',
  })
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @Length(1, 200, { message: 'must be 1 to 200 characters long' })
  @Matches(/\S/, { message: 'must not be blank' })
  senderName!: string;

  @ApiProperty({ example: 'fushata@example.al.test', maxLength: 320 })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(320, { message: 'must be at most 320 characters long' })
  senderEmail!: string;

  @ApiPropertyOptional({
    type: [String],
    default: [],
    example: ['raportet@example.al.test'],
    description: 'Who receives the round reports.',
  })
  @IsOmittable()
  @IsArray({ message: 'must be a list of e-mail addresses' })
  @ArrayMaxSize(50, { message: 'must hold at most 50 addresses' })
  @ArrayUnique((email: string) => String(email).toLowerCase(), {
    message: 'must not repeat an address',
  })
  @IsEmail({}, { each: true, message: 'must hold only e-mail addresses' })
  @MaxLength(320, { each: true, message: 'must hold addresses of at most 320 characters' })
  reportRecipients?: string[];

  @ApiPropertyOptional({
    type: WorkflowPolicyDto,
    default: DEFAULT_WORKFLOW_POLICY,
    description: 'When to invite, remind, follow up and report, and when e-mails may go out.',
  })
  @IsOmittable()
  @IsObject({
    message:
      'must be an object with inviteBefore, reminders, followUpAfter, reportAfter and sendWindow',
  })
  @ValidateNested()
  @Type(() => WorkflowPolicyDto)
  policy?: WorkflowPolicyDto;
}

/** Omitted fields stay as they are; null clears a nullable field and is refused for the others. */
export class UpdateCampaignDto extends PartialType(CreateCampaignDto, {
  skipNullProperties: false,
}) {}

export class CampaignListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: CAMPAIGN_SORTS, default: 'createdAt' })
  @IsOptional()
  @IsEnum(CAMPAIGN_SORTS, { message: 'must be nameSq, nameEn or createdAt' })
  sort: (typeof CAMPAIGN_SORTS)[number] = 'createdAt';
}
