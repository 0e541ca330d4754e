import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../../common/list-query.dto';
import { IsSingleLine } from '../../../common/validation';

export class CreateCommitteeDto {
  @ApiProperty({ example: 'Tryeza Teknike Antitrafik Elbasan' })
  @IsString()
  @IsSingleLine()
  @Length(1, 300)
  name!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'Omit or null for a national committee.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a county id (UUID)' })
  countyId?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    example: 'Anti-Trafficking Technical Table of Elbasan county, convened by the Prefect.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;
}

/** Omitted fields stay as they are; null clears a nullable field and is refused for the others. */
export class UpdateCommitteeDto extends PartialType(CreateCommitteeDto, {
  skipNullProperties: false,
}) {}

export class CommitteeListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a county id (UUID)' })
  countyId?: string;

  @ApiPropertyOptional({ description: 'Only national committees (no county).' })
  @IsOptional()
  @IsEnum(['true', 'false'], { message: 'must be true or false' })
  national?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['name', 'createdAt'], default: 'name' })
  @IsOptional()
  @IsEnum(['name', 'createdAt'], { message: 'must be name or createdAt' })
  sort: 'name' | 'createdAt' = 'name';
}
