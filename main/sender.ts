import { isAppUrl } from './app-origin';

/** The part of Electron's WebFrameMain a sender check needs. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/**
 * IPC is answered only for the top frame of a page on the app's origin. A frame that is gone
 * (`null`), a sub-frame, or any other URL (a `file:`, `http:` or foreign `app:` page) is refused.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  if (frame === null || frame === undefined) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}
