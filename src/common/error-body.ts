import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldError {
  @ApiProperty({
    example: 'email',
    description: 'Path of the field in the request (body, query or CSV column).',
  })
  field!: string;

  @ApiProperty({ example: 'must be an e-mail address' })
  reason!: string;

  @ApiPropertyOptional({
    example: 12,
    description: 'Row number, for CSV imports (the header is row 1).',
  })
  row?: number;
}

/** The shape of every 4xx and 5xx response. */
export class ErrorBody {
  @ApiProperty({ example: 422 })
  statusCode!: number;

  @ApiProperty({ example: 'Unprocessable Entity' })
  error!: string;

  @ApiProperty({ example: 'institutionId: no institution with this id' })
  message!: string;

  @ApiPropertyOptional({ type: [FieldError] })
  errors?: FieldError[];

  @ApiPropertyOptional({
    type: Object,
    description:
      'On a 409 for a change made from a version that has since moved on: what the record is now.',
  })
  current?: object;

  @ApiPropertyOptional({ example: '0b6f1c1e-6a1e-4a35-9d1c-2f2ab3f5e1d2' })
  requestId?: string;
}
