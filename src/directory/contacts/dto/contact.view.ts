import { PageOf } from '../../../common/page-of';
import { ApiProperty } from '@nestjs/swagger';
import { Language } from '../../../common/language';
import { CountyView } from '../../counties/dto/county.view';
import { InstitutionKind } from '../../institutions/institution-kind';

/** Enough of the institution to show where the contact works without a second request. */
export class ContactInstitutionView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Prefektura e Qarkut Elbasan' })
  name!: string;

  @ApiProperty({ enum: InstitutionKind })
  kind!: InstitutionKind;

  @ApiProperty({ type: CountyView, nullable: true })
  county!: CountyView | null;
}

export class ContactView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Arbër Hoxha' })
  fullName!: string;

  @ApiProperty({ type: ContactInstitutionView, nullable: true })
  institution!: ContactInstitutionView | null;

  @ApiProperty({ nullable: true, type: String })
  position!: string | null;

  @ApiProperty({ example: 'arber.hoxha@example.al.test' })
  email!: string;

  @ApiProperty({ nullable: true, type: String })
  phone!: string | null;

  @ApiProperty({ enum: Language })
  language!: Language;

  @ApiProperty()
  optedOut!: boolean;

  @ApiProperty({ nullable: true, type: Date })
  optedOutAt!: Date | null;

  @ApiProperty({ nullable: true, type: String })
  optOutReason!: string | null;

  @ApiProperty({ nullable: true, type: String })
  notes!: string | null;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty()
  updatedAt!: Date;

  @ApiProperty({ nullable: true, type: Date })
  archivedAt!: Date | null;
}

export class ContactPage extends PageOf(ContactView) {}
