import { selectProject, useProjectStore } from '../project/project-store';
import './viewer.css';

const WHY = {
  file: 'The file is read-only on disk.',
  author: 'Its author saved it for viewers.',
  user: 'It was locked in this session.',
} as const;

/** "Read-only" when the open project is in viewer mode: results and views only, nothing can be changed. */
export function ReadOnlyBadge() {
  const project = useProjectStore(selectProject);
  if (project === null || !project.readOnly) return null;
  const why = project.readOnlyReason === null ? '' : ` ${WHY[project.readOnlyReason]}`;
  return (
    <span className="readonly-badge" role="status" title={`Viewer mode: results and views only.${why} Save As makes an editable copy.`} data-testid="readonly-badge">
      Read-only
    </span>
  );
}
