import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../../common/list-query.dto';
import { InstitutionKind } from '../institution-kind';
import { IsSingleLine } from '../../../common/validation';

const KIND_MESSAGE = `must be one of ${Object.values(InstitutionKind).join(', ')}`;

export class CreateInstitutionDto {
  @ApiProperty({ example: 'Këshilli i Qarkut Elbasan' })
  @IsString()
  @IsSingleLine()
  @Length(1, 300)
  name!: string;

  @ApiProperty({ enum: InstitutionKind })
  @IsEnum(InstitutionKind, { message: KIND_MESSAGE })
  kind!: InstitutionKind;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Omit or null for a national institution.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a county id (UUID)' })
  countyId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'info@example.al.test' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(320)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+355 54 000 000' })
  @IsOptional()
  @IsString()
  @IsSingleLine()
  @MaxLength(50)
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string | null;
}

/** Omitted fields stay as they are; null clears a nullable field and is refused for the others. */
export class UpdateInstitutionDto extends PartialType(CreateInstitutionDto, {
  skipNullProperties: false,
}) {}

export class InstitutionListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a county id (UUID)' })
  countyId?: string;

  @ApiPropertyOptional({ description: 'Only national institutions (no county).' })
  @IsOptional()
  @IsEnum(['true', 'false'], { message: 'must be true or false' })
  national?: 'true' | 'false';

  @ApiPropertyOptional({ enum: InstitutionKind })
  @IsOptional()
  @IsEnum(InstitutionKind, { message: KIND_MESSAGE })
  kind?: InstitutionKind;

  @ApiPropertyOptional({ enum: ['name', 'kind', 'createdAt'], default: 'name' })
  @IsOptional()
  @IsEnum(['name', 'kind', 'createdAt'], { message: 'must be name, kind or createdAt' })
  sort: 'name' | 'kind' | 'createdAt' = 'name';
}
