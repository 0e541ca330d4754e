import { ApiProperty } from '@nestjs/swagger';

export class RecommendationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: '1 for the first.' })
  position!: number;

  @ApiProperty()
  textSq!: string;

  @ApiProperty()
  textEn!: string;
}
