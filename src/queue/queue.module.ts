import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue';

/** The producer side of the queues, available to every module. */
@Global()
@Module({
  providers: [JobQueue],
  exports: [JobQueue],
})
export class QueueModule {}
