import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsEnum, IsString, Length, MaxLength } from 'class-validator';
import { Language } from '../../common/language';
import { IsOmittable, IsSingleLine } from '../../common/validation';
import { Role } from '../role';

export class CreateUserDto {
  @ApiProperty({ example: 'drita.koci@example.org' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'Drita Koçi' })
  @IsString()
  @IsSingleLine()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: Role })
  @IsEnum(Role, { message: 'must be one of admin, coordinator, viewer' })
  role!: Role;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @Length(12, 200, { message: 'must be 12 to 200 characters' })
  password!: string;

  @ApiPropertyOptional({ enum: Language, default: Language.Albanian })
  @IsOmittable()
  @IsEnum(Language, { message: 'must be sq or en' })
  language?: Language;
}

/** Omitted fields stay as they are; none of them can be cleared with null. */
export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @IsSingleLine()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: Role })
  @IsOmittable()
  @IsEnum(Role, { message: 'must be one of admin, coordinator, viewer' })
  role?: Role;

  @ApiPropertyOptional({ minLength: 12 })
  @IsOmittable()
  @IsString()
  @Length(12, 200, { message: 'must be 12 to 200 characters' })
  password?: string;

  @ApiPropertyOptional({ enum: Language })
  @IsOmittable()
  @IsEnum(Language, { message: 'must be sq or en' })
  language?: Language;

  @ApiPropertyOptional({
    description: 'A disabled user cannot sign in and their tokens stop working.',
  })
  @IsOmittable()
  @IsBoolean()
  disabled?: boolean;
}
