import { SetMetadata } from '@nestjs/common';
import { JobName } from './jobs';

export const JOB_HANDLER = 'fushata:job-handler';

/** Marks the method that runs jobs of this name; exactly one per name may exist. */
export const OnJob = (name: JobName) => SetMetadata(JOB_HANDLER, name);
