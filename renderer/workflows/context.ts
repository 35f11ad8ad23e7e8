import type { HostApi } from '../../main/host-api';
import type { EngineClient } from '../engine-client';
import type { AppStore } from '../store/store';

/** What the app's actions work with: the engine, the OS door and the store. */
export interface AppContext {
  engine: EngineClient;
  host: HostApi;
  store: AppStore;
  /** Wall clock for stamps shown to people (the engine has none). */
  now(): number;
  /** True while a project is opening or open: the first launch's demo then stands aside. */
  projectActive?(): boolean;
  /** False in viewer mode (a project opened read-only): nothing may change the workspace or scenarios. */
  canEdit?(): boolean;
  /**
   * Before something replaces the workspace and scenarios whole (a demo, a library episode): the
   * open project is closed, its unsaved work saved or discarded as the user chooses. False: the
   * user kept it (Cancel), and nothing may be replaced.
   */
  leaveProject?(): Promise<boolean>;
}
