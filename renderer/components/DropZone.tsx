import { useEffect, useState } from 'react';
import type { HostFile } from '../../main/host-api';

async function readDropped(list: FileList): Promise<HostFile[]> {
  const out: HostFile[] = [];
  for (const f of Array.from(list)) out.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  return out;
}

/** Files dragged anywhere over the window: an overlay while dragging, the files on drop. */
export function DropZone({ onFiles, disabled }: { onFiles(files: HostFile[]): void; disabled: boolean }) {
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth += 1;
      setOver(true);
    };
    const overIt = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      if (!disabled && e.dataTransfer && e.dataTransfer.files.length > 0) void readDropped(e.dataTransfer.files).then(onFiles);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overIt);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overIt);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [onFiles, disabled]);
  if (!over) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <p>{disabled ? 'Wait for the current work to finish' : 'Drop tables and scenarios to import them'}</p>
    </div>
  );
}
