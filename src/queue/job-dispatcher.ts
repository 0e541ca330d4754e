import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Job } from 'bullmq';
import { JOB_HANDLER } from './on-job.decorator';
import { JobName } from './jobs';

type Handler = (data: unknown, job: Job) => Promise<unknown>;

/**
 * Finds the @OnJob handlers among all providers and routes each job to its
 * one handler. A job name without a handler, or with two, stops start-up:
 * a queue that nothing drains loses no error, only e-mails.
 */
@Injectable()
export class JobDispatcher implements OnModuleInit {
  private readonly handlers = new Map<JobName, Handler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const handler = instance[method] as Handler;
        const name = this.reflector.get<JobName | undefined>(JOB_HANDLER, handler);
        if (!name) continue;
        if (this.handlers.has(name)) throw new Error(`Job ${name} has two handlers`);
        this.handlers.set(name, handler.bind(instance));
      }
    }
    const missing = Object.values(JobName).filter((name) => !this.handlers.has(name));
    if (missing.length > 0) throw new Error(`No handler for job(s): ${missing.join(', ')}`);
  }

  dispatch(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new Error(`No handler for job ${job.name}`);
    return handler(job.data, job);
  }
}
