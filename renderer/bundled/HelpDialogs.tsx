import { useAppStore } from '../store/store';
import { GuideDialog } from './GuideDialog';
import { useHelpStore } from './help-store';
import { SourcesDialog } from './SourcesDialog';

/** The guide and the sources dialogs, over whatever view is open. */
export function HelpDialogs() {
  const page = useHelpStore((s) => s.guidePage);
  const hash = useAppStore((s) => s.workspace?.hash ?? null);
  const provenance = useHelpStore((s) => (s.sourcesOpen && s.provenanceHash === hash ? s.provenance : null));
  return (
    <>
      {page === null ? null : <GuideDialog page={page} />}
      {provenance === null ? null : <SourcesDialog provenance={provenance} />}
    </>
  );
}
