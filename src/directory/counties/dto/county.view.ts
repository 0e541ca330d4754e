import { ApiProperty } from '@nestjs/swagger';

export class CountyView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Elbasan' })
  name!: string;

  @ApiProperty({ example: 'AL' })
  country!: string;
}
