import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobDispatcher } from './job-dispatcher';
import { QueueWorkers } from './queue-workers';

/** Imported only by processes in the worker role. */
@Module({
  imports: [DiscoveryModule],
  providers: [JobDispatcher, QueueWorkers],
})
export class QueueWorkersModule {}
