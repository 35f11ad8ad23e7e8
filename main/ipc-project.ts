import type { Dialogs } from './dialogs';
import type { HostApi, HostResult } from './host-api';
import type { ProjectHost } from './project-host';
import { PROJECT_FILTERS } from './project-files';
import {
  parseAutosave,
  parseAutosaveEdits,
  parseAutosaveId,
  parseCloseAnswer,
  parseProjectState,
  parseRecentId,
  parseSaveProject,
  parseSaveProjectAs,
  parseUnsavedQuestion,
} from './project-validators';
import { parseNoArgs } from './validators';

type ProjectMethod =
  | 'openProject'
  | 'saveProject'
  | 'saveProjectAs'
  | 'recentProjects'
  | 'openRecent'
  | 'clearRecent'
  | 'setProjectState'
  | 'writeAutosave'
  | 'writeAutosaveEdits'
  | 'restoreOffer'
  | 'readAutosave'
  | 'discardAutosave'
  | 'clearAutosave'
  | 'confirmUnsaved'
  | 'respondToClose';

export interface ProjectIpcDeps {
  dialogs: Dialogs;
  projects: ProjectHost;
  respondToClose(proceed: boolean): void;
}

const done: HostResult<null> = { ok: true, value: null };

/** The project calls of HostApi: every argument narrowed, every path chosen by the user in main. */
export function createProjectHandlers({ dialogs, projects, respondToClose }: ProjectIpcDeps) {
  return {
    async openProject(arg) {
      const none = parseNoArgs(arg);
      if (!none.ok) return none;
      const path = await dialogs.chooseProjectToOpen();
      return path === null ? { ok: true, value: null } : projects.open(path);
    },
    async saveProject(arg) {
      const request = parseSaveProject(arg);
      return request.ok ? projects.save(request.value.handle, request.value.bytes, request.value.autosaveSeq) : request;
    },
    async saveProjectAs(arg) {
      const request = parseSaveProjectAs(arg);
      if (!request.ok) return request;
      const path = await dialogs.chooseSavePath(request.value.suggestedName, PROJECT_FILTERS);
      return path === null ? { ok: true, value: null } : projects.saveAs(path, request.value.bytes, request.value.autosaveSeq);
    },
    async recentProjects(arg) {
      const none = parseNoArgs(arg);
      return none.ok ? { ok: true, value: projects.recent.list() } : none;
    },
    async openRecent(arg) {
      const id = parseRecentId(arg);
      if (!id.ok) return id;
      const path = projects.recent.pathOf(id.value);
      return path === undefined ? { ok: false, error: { kind: 'not-found', message: 'That project is no longer in the recent list.' } } : projects.open(path);
    },
    async clearRecent(arg) {
      const none = parseNoArgs(arg);
      if (!none.ok) return none;
      await projects.clearRecent();
      return done;
    },
    async setProjectState(arg) {
      const state = parseProjectState(arg);
      if (!state.ok) return state;
      projects.setState(state.value);
      return done;
    },
    async writeAutosave(arg) {
      const request = parseAutosave(arg);
      if (!request.ok) return request;
      const path = request.value.handle === null ? null : (projects.files.lookup(request.value.handle)?.path ?? null);
      return projects.autosave.write(request.value, path);
    },
    async writeAutosaveEdits(arg) {
      const edits = parseAutosaveEdits(arg);
      if (!edits.ok) return edits;
      const handle = edits.value.whole?.handle ?? null;
      const path = handle === null ? null : (projects.files.lookup(handle)?.path ?? null);
      return projects.autosave.writeEdits(edits.value, path);
    },
    async restoreOffer(arg) {
      const none = parseNoArgs(arg);
      return none.ok ? { ok: true, value: await projects.autosave.offer(projects.crashed) } : none;
    },
    async readAutosave(arg) {
      const id = parseAutosaveId(arg);
      return id.ok ? projects.restore(id.value) : id;
    },
    async discardAutosave(arg) {
      const id = parseAutosaveId(arg);
      if (!id.ok) return id;
      await projects.autosave.discard(id.value);
      return done;
    },
    async clearAutosave(arg) {
      const none = parseNoArgs(arg);
      if (!none.ok) return none;
      await projects.autosave.clear();
      return done;
    },
    async confirmUnsaved(arg) {
      const question = parseUnsavedQuestion(arg);
      return question.ok ? { ok: true, value: await dialogs.askUnsaved(question.value.name) } : question;
    },
    async respondToClose(arg) {
      const answer = parseCloseAnswer(arg);
      if (!answer.ok) return answer;
      respondToClose(answer.value.proceed);
      return done;
    },
  } satisfies { [M in ProjectMethod]: (arg: unknown) => ReturnType<HostApi[M]> };
}
