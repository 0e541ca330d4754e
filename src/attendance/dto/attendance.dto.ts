import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
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

/** Far above any room the office fills; a larger number is a typo, not a crowd. */
export const MAX_HEAD_COUNT = 100_000;

/** The address is compared and mailed as written here, so " Ana@Example.org" and "ana@example.org" are one person. */
const normaliseEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class InviteeAttendanceDto {
  @ApiProperty({ format: 'uuid', description: 'An invitation to this session.' })
  @IsUUID('all', { message: 'must be an invitation id (UUID)' })
  invitationId!: string;

  @ApiProperty({ description: 'false: marked absent.' })
  @IsBoolean({ message: 'must be true or false' })
  present!: boolean;
}

export class WalkInDto {
  @ApiProperty({ example: 'Besa Kola', maxLength: 200 })
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @Length(1, 200, { message: 'must be 1 to 200 characters long' })
  @Matches(/\S/, { message: 'must not be blank' })
  fullName!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 300,
    example: 'Zyra Rajonale e Punësimit Elbasan',
  })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @MaxLength(300, { message: 'must be at most 300 characters long' })
  institution?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, example: 'Mësuese' })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @MaxLength(200, { message: 'must be at most 200 characters long' })
  position?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'email',
    maxLength: 320,
    example: 'besa.kola@example.al.test',
    description: 'Stored trimmed and in lower case; the follow-up is sent here.',
  })
  @IsOptional()
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(320, { message: 'must be at most 320 characters long' })
  email?: string | null;
}

export class HeadCountGroupDto {
  @ApiProperty({ example: 'nxënës / students', maxLength: 100 })
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @Length(1, 100, { message: 'must be 1 to 100 characters long' })
  @Matches(/\S/, { message: 'must not be blank' })
  label!: string;

  @ApiProperty({ minimum: 0, maximum: MAX_HEAD_COUNT, example: 30 })
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must be at least 0' })
  @Max(MAX_HEAD_COUNT, { message: `must be at most ${MAX_HEAD_COUNT}` })
  count!: number;
}

export class HeadCountDto {
  @ApiProperty({
    minimum: 0,
    maximum: MAX_HEAD_COUNT,
    example: 30,
    description: 'Everyone in the room when counted, named or not.',
  })
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must be at least 0' })
  @Max(MAX_HEAD_COUNT, { message: `must be at most ${MAX_HEAD_COUNT}` })
  total!: number;

  @ApiPropertyOptional({
    type: [HeadCountGroupDto],
    description:
      'Parts of the total that do not overlap (women, men; students, teachers): together at most the total.',
  })
  @IsOmittable()
  @IsArray({ message: 'must be a list of groups with label and count' })
  @ArrayMaxSize(20, { message: 'must hold at most 20 groups' })
  @ValidateNested({ each: true })
  @Type(() => HeadCountGroupDto)
  breakdown?: HeadCountGroupDto[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000, example: 'rreth 30' })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @MaxLength(1000, { message: 'must be at most 1000 characters long' })
  note?: string | null;
}

/** The whole attendance record of a session: what is left out is recorded as not there. */
export class RecordAttendanceDto {
  @ApiProperty({
    type: [InviteeAttendanceDto],
    description:
      'Invitees marked present or absent, each invitation once; an invitation left out stays unrecorded.',
  })
  @IsArray({ message: 'must be a list of invitees with invitationId and present' })
  @ArrayMaxSize(10_000, { message: 'must hold at most 10000 invitees' })
  @ValidateNested({ each: true })
  @Type(() => InviteeAttendanceDto)
  invitees!: InviteeAttendanceDto[];

  @ApiProperty({
    type: [WalkInDto],
    description: 'People who came without an invitation, in the order of the sign-in sheet.',
  })
  @IsArray({ message: 'must be a list of people with fullName' })
  @ArrayMaxSize(1000, { message: 'must hold at most 1000 people' })
  @ValidateNested({ each: true })
  @Type(() => WalkInDto)
  walkIns!: WalkInDto[];

  @ApiPropertyOptional({
    type: HeadCountDto,
    nullable: true,
    description: 'Null or left out: nobody counted the room.',
  })
  @IsOptional()
  @IsObject({ message: 'must be an object with total, breakdown and note' })
  @ValidateNested()
  @Type(() => HeadCountDto)
  headCount?: HeadCountDto | null;
}
