import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Page } from './list-query.dto';

/** The documented shape of one page of a list: `class ContactPage extends PageOf(ContactView) {}`. */
export function PageOf<T>(item: Type<T>): Type<Page<T>> {
  class PageOfItems {
    @ApiProperty({ type: [item] })
    items!: T[];

    @ApiProperty({ description: 'All matching records, not only this page.' })
    total!: number;

    @ApiProperty()
    limit!: number;

    @ApiProperty()
    offset!: number;
  }
  return PageOfItems;
}
