import { HttpStatus } from '@nestjs/common';
import { ClassConstructor } from 'class-transformer';
import { PageQueryDto } from '../../common/list-query.dto';
import { RequestError } from '../../common/request-error';
import { PAGE_SIZE } from './list-paging';
import { checkForm } from './page-form';

/**
 * The service query behind a list page, checked as the API checks its own:
 * the filters come from the page's form, so a value it refuses was typed
 * into the address and gets the error page naming it.
 */
export async function listQuery<T extends PageQueryDto>(
  type: ClassConstructor<T>,
  values: Record<string, unknown>,
  offset: number,
): Promise<T> {
  const checked = await checkForm(type, { ...values, limit: PAGE_SIZE, offset });
  if (checked.problems) throw new RequestError(HttpStatus.BAD_REQUEST, checked.problems.list);
  return checked.value;
}
