import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'fushata:public';

/** The route needs no bearer token (login, health, API docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
