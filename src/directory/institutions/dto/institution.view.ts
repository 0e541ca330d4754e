import { PageOf } from '../../../common/page-of';
import { ApiProperty } from '@nestjs/swagger';
import { CountyView } from '../../counties/dto/county.view';
import { InstitutionKind } from '../institution-kind';

export class InstitutionView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: InstitutionKind })
  kind!: InstitutionKind;

  @ApiProperty({ type: CountyView, nullable: true })
  county!: CountyView | null;

  @ApiProperty({ nullable: true, type: String })
  email!: string | null;

  @ApiProperty({ nullable: true, type: String })
  phone!: string | null;

  @ApiProperty({ nullable: true, type: String })
  address!: string | null;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty()
  updatedAt!: Date;

  @ApiProperty({ nullable: true, type: Date })
  archivedAt!: Date | null;
}

export class InstitutionPage extends PageOf(InstitutionView) {}
