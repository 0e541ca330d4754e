import { ApiProperty } from '@nestjs/swagger';

export class MaterialSessionView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  titleSq!: string;

  @ApiProperty()
  titleEn!: string;
}

export class MaterialView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ type: MaterialSessionView, nullable: true })
  session!: MaterialSessionView | null;

  @ApiProperty({ nullable: true, type: String, example: 'fletëpalosje' })
  descriptionSq!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'leaflets' })
  descriptionEn!: string | null;

  @ApiProperty({ example: 4000 })
  quantity!: number;

  @ApiProperty({ nullable: true, type: String, example: 'në kafene dhe vende publike' })
  placesSq!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'in cafés and public places' })
  placesEn!: string | null;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty()
  updatedAt!: Date;
}
