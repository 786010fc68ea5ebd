import type { Id } from './types';

/** Random, collision-free ids; available in browsers (secure contexts) and Node 20. */
export function newId(): Id {
  return crypto.randomUUID();
}
