import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, Length, MinDate } from 'class-validator';
import { IsSingleLine } from '../../common/validation';

export class CreateApiTokenDto {
  @ApiProperty({ example: 'weekly export script' })
  @IsString()
  @IsSingleLine()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({
    type: Date,
    nullable: true,
    description: 'When the token stops working; never when omitted or null.',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'must be an ISO 8601 date-time' })
  @MinDate(() => new Date(), { message: 'must be in the future' })
  expiresAt?: Date;
}

export class ApiTokenView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'The first characters of the token, to tell tokens apart.' })
  prefix!: string;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty({ nullable: true, type: Date })
  expiresAt!: Date | null;

  @ApiProperty({ nullable: true, type: Date })
  lastUsedAt!: Date | null;
}

export class CreatedApiTokenView extends ApiTokenView {
  @ApiProperty({ description: 'The token itself. Shown this once; only a keyed hash is kept.' })
  token!: string;
}
