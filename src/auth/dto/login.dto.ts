import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import { UserView } from './user.view';

export class LoginDto {
  @ApiProperty({ example: 'admin@example.org' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'a long pass phrase' })
  @IsString()
  @MaxLength(200)
  password!: string;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'Bearer token for the Authorization header; valid for 12 hours.' })
  token!: string;

  @ApiProperty()
  expiresAt!: Date;

  @ApiProperty({ description: 'The signed-in user.' })
  user!: UserView;
}
