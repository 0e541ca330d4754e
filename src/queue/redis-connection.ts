import type { ConnectionOptions } from 'bullmq';

/**
 * BullMQ's connection settings from REDIS_URL. `maxRetriesPerRequest: null`
 * is what BullMQ workers require: a blocked command must wait for Redis to
 * come back, not fail.
 */
export function bullConnection(redisUrl: string): ConnectionOptions {
  return { url: redisUrl, maxRetriesPerRequest: null };
}

/**
 * The prefix of every BullMQ key, in braces: Redis Cluster then keeps all of
 * a queue's keys in one slot, as BullMQ's Lua scripts need.
 */
export function bullPrefix(redisPrefix: string): string {
  return `{${redisPrefix}}`;
}
