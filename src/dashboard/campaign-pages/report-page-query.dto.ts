import { IsEnum, IsOptional } from 'class-validator';
import { Language } from '../../common/language';
import { ReportFormat } from '../../reports/report-format-kind';

/** Both named on every download link; anything else is a 400 page, never a 5xx. */
export class ReportDownloadQueryDto {
  @IsEnum(ReportFormat, { message: `must be one of ${Object.values(ReportFormat).join(', ')}` })
  format!: ReportFormat;

  @IsEnum(Language, { message: `must be one of ${Object.values(Language).join(', ')}` })
  lang!: Language;
}

/** The language a report page is read in: the one asked for, else the reader's own. */
export class ReportPageQueryDto {
  @IsOptional()
  @IsEnum(Language, { message: `must be one of ${Object.values(Language).join(', ')}` })
  lang?: Language;
}
