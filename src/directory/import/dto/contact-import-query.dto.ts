import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { toBoolean } from '../../../common/list-query.dto';

export class ContactImportQueryDto {
  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'Check the file and report what would change, writing nothing.',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  dryRun = false;
}
