import { useEffect, useState } from 'react';
import { useT } from './i18n/index.ts';
import { listen } from './listen.ts';

const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');

/** Makes the whole window a drop target, with a visible overlay while files are dragged over it. */
export function DropOverlay({ onFiles }: { onFiles: (files: File[]) => void }) {
  const t = useT();
  const [active, setActive] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => { if (!hasFiles(e)) return; e.preventDefault(); depth++; setActive(true); };
    const over = (e: DragEvent) => { if (!hasFiles(e)) return; e.preventDefault(); if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'; };
    const leave = (e: DragEvent) => { if (!hasFiles(e)) return; depth = Math.max(0, depth - 1); if (depth === 0) setActive(false); };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      depth = 0;
      setActive(false);
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length) onFiles(files);
    };
    return listen(window, { dragenter: enter, dragover: over, dragleave: leave, drop });
  }, [onFiles]);
  return active ? <div className="drop-overlay" data-testid="drop-overlay"><p>{t('drop.overlay')}</p></div> : null;
}
