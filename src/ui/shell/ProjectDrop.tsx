import { useEffect, useState } from 'react';
import { openProjectFile, projectFilesOf } from '../../store/projectActions';
import { useUiStore } from '../../store/uiStore';

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/**
 * A project file (*.ecglab.zip / *.ecglab.json) dropped anywhere on the lab, the Data panel's drop zone
 * included, opens as a project; other files go on to the drop zone as before. A refused file's error (naming
 * it) shows above the panels until dismissed.
 */
export function ProjectDrop() {
  const [over, setOver] = useState(false);
  const message = useUiStore((s) => s.projectMessage);
  const setMessage = useUiStore((s) => s.setProjectMessage);

  useEffect(() => {
    let depth = 0;
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setOver(true);
    };
    const onLeave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    // Outside the drop zone the browser would open a dropped file in place of the lab: the drop is taken here.
    const onOver = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      depth = 0;
      setOver(false);
      const projects = projectFilesOf(Array.from(e.dataTransfer?.files ?? []));
      if (projects.length === 0) {
        // Not a project: the Data drop zone (if the drop landed on it) still gets it; elsewhere nothing happens.
        if (hasFiles(e)) e.preventDefault();
        return;
      }
      e.preventDefault();
      e.stopPropagation();
      for (const f of projects) void openProjectFile(f);
    };
    window.addEventListener('dragenter', onEnter, true);
    window.addEventListener('dragleave', onLeave, true);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop, true);
    return () => {
      window.removeEventListener('dragenter', onEnter, true);
      window.removeEventListener('dragleave', onLeave, true);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop, true);
    };
  }, []);

  return (
    <>
      {over && (
        <div className="lab-drop-veil" aria-hidden="true">
          Drop a project file (.ecglab.zip) to open it; data files go on the Data panel’s drop zone.
        </div>
      )}
      {message && 'error' in message && (
        <div className="alert error lab-project-error" role="alert" data-testid="project-error">
          <span>{message.error}</span>
          <button type="button" className="btn small" onClick={() => setMessage(null)}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
