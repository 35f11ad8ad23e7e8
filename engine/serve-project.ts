import type { ProjectRequests } from './protocol';
import type { Handlers, ServeContext } from './serve-context';

/** project.*: `.firebreak` files (engine/project). */
export function projectHandlers(_ctx: ServeContext): Handlers<keyof ProjectRequests> {
  return {};
}
