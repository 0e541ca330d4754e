import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, Matches } from 'class-validator';
import { Language } from '../../common/language';
import { ReportFormat } from '../report-format-kind';

export class ReportQueryDto {
  @ApiPropertyOptional({ enum: ReportFormat, default: ReportFormat.Json })
  @IsOptional()
  @IsEnum(ReportFormat, { message: `must be one of ${Object.values(ReportFormat).join(', ')}` })
  format?: ReportFormat;

  @ApiPropertyOptional({
    enum: Language,
    description: "The report's language; the campaign's first language when left out.",
  })
  @IsOptional()
  @IsEnum(Language, { message: `must be one of ${Object.values(Language).join(', ')}` })
  lang?: Language;

  @ApiPropertyOptional({
    example: 'sessions',
    description:
      'With format=csv: one table instead of the zip of all. Round: sessions, participants, materials, recommendations; campaign: rounds, counties, institutions, materials, recommendations.',
  })
  @IsOptional()
  @Matches(/^[a-z-]{1,40}$/, { message: 'must name a table, such as sessions' })
  table?: string;
}
