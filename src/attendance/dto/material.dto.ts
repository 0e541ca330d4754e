import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsSingleLine } from '../../common/validation';

export class CreateMaterialDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 300,
    example: 'fletëpalosje',
    description: 'What was handed out; this or descriptionEn is required.',
  })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @Length(1, 300, { message: 'must be 1 to 300 characters long' })
  @Matches(/\S/, { message: 'must not be blank' })
  descriptionSq?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 300, example: 'leaflets' })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @Length(1, 300, { message: 'must be 1 to 300 characters long' })
  @Matches(/\S/, { message: 'must not be blank' })
  descriptionEn?: string | null;

  @ApiProperty({ minimum: 1, maximum: 10_000_000, example: 4000 })
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  @Max(10_000_000, { message: 'must be at most 10000000' })
  quantity!: number;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 500,
    example: 'në kafene dhe vende publike',
    description: 'Where it was handed out.',
  })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @MaxLength(500, { message: 'must be at most 500 characters long' })
  placesSq?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 500,
    example: 'in cafés and public places',
  })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @IsSingleLine()
  @MaxLength(500, { message: 'must be at most 500 characters long' })
  placesEn?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'A session of the round, when it was handed out there; null: across the round.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a session id (UUID)' })
  sessionId?: string | null;
}

/** Omitted fields stay as they are; null clears a nullable field and is refused for quantity. */
export class UpdateMaterialDto extends PartialType(CreateMaterialDto, {
  skipNullProperties: false,
}) {}
