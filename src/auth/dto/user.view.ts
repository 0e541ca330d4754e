import { ApiProperty } from '@nestjs/swagger';

export class UserView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ['admin', 'coordinator', 'viewer'] })
  role!: string;

  @ApiProperty({ enum: ['sq', 'en'] })
  language!: string;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty({ nullable: true, type: Date })
  disabledAt!: Date | null;
}
