import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorBody, FieldError } from '../../../common/error-body';

export type ContactImportAction = 'create' | 'update' | 'unchanged' | 'error';
export type InstitutionImportAction = 'create' | 'match';

export class ImportedInstitutionView {
  @ApiProperty({ example: 'Bashkia Elbasan' })
  name!: string;

  @ApiProperty({
    enum: ['create', 'match'],
    description: 'match: an active institution of that name and county already exists.',
  })
  action!: InstitutionImportAction;
}

export class ContactImportRowView {
  @ApiProperty({ example: 2, description: 'Row in the file; the header is row 1.' })
  row!: number;

  @ApiProperty({ nullable: true, type: String, example: 'arber.hoxha@example.al.test' })
  email!: string | null;

  @ApiProperty({ enum: ['create', 'update', 'unchanged', 'error'] })
  action!: ContactImportAction;

  @ApiProperty({
    type: ImportedInstitutionView,
    nullable: true,
    description: 'Null when the row names no institution.',
  })
  institution!: ImportedInstitutionView | null;

  @ApiPropertyOptional({
    type: [String],
    example: ['position'],
    description: 'The contact fields an update changes.',
  })
  changes?: string[];

  @ApiPropertyOptional({
    type: [FieldError],
    description: 'Why the row cannot be imported; field is the column as the header names it.',
  })
  errors?: FieldError[];
}

export class ContactImportSummaryView {
  @ApiProperty({ description: 'Rows in the file, without the header and blank rows.' })
  total!: number;

  @ApiProperty()
  create!: number;

  @ApiProperty()
  update!: number;

  @ApiProperty()
  unchanged!: number;

  @ApiProperty()
  error!: number;

  @ApiProperty({ description: 'New institutions, each counted once however many rows name it.' })
  institutionsCreated!: number;
}

export class ContactImportView {
  @ApiProperty({ description: 'True when nothing was written.' })
  dryRun!: boolean;

  @ApiProperty({ type: [ContactImportRowView] })
  rows!: ContactImportRowView[];

  @ApiProperty({ type: ContactImportSummaryView })
  summary!: ContactImportSummaryView;
}

/** A real run with a bad row: nothing was written; the full report says what to fix. */
export class RejectedContactImportView extends ErrorBody {
  @ApiProperty({ example: false })
  dryRun!: boolean;

  @ApiProperty({ type: [ContactImportRowView] })
  rows!: ContactImportRowView[];

  @ApiProperty({ type: ContactImportSummaryView })
  summary!: ContactImportSummaryView;
}
