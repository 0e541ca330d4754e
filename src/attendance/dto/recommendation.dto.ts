import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, Length, Matches, ValidateNested } from 'class-validator';

export class RecommendationItemDto {
  @ApiProperty({
    maxLength: 2000,
    example: 'Rëndësia e medias dhe roli i tyre vendimtar në fushatat e ndërgjegjësimit',
  })
  @IsString({ message: 'must be text' })
  @Length(1, 2000, { message: 'must be 1 to 2000 characters long' })
  @Matches(/\S/, { message: 'must not be blank' })
  textSq!: string;

  @ApiProperty({
    maxLength: 2000,
    example: 'The importance of the media and their decisive role in awareness campaigns',
  })
  @IsString({ message: 'must be text' })
  @Length(1, 2000, { message: 'must be 1 to 2000 characters long' })
  @Matches(/\S/, { message: 'must not be blank' })
  textEn!: string;
}

export class ReplaceRecommendationsDto {
  @ApiProperty({
    type: [RecommendationItemDto],
    description: 'The whole list, in order; an empty list removes them all.',
  })
  @IsArray({ message: 'must be a list of recommendations with textSq and textEn' })
  @ArrayMaxSize(50, { message: 'must hold at most 50 recommendations' })
  @ValidateNested({ each: true })
  @Type(() => RecommendationItemDto)
  items!: RecommendationItemDto[];
}
