import { useId, useRef, useState } from 'react';
import { useHistoryStore } from '../../store/historyStore';
import { buildProject, openProjectFile, savableRuns, type SaveOptions } from '../../store/projectActions';
import { downloadBlob } from '../results/exportPng';
import { PROJECT_SUFFIXES } from '../../core/experiment/project';
import './share.css';

/**
 * Header button: save the experiment as a project file (spec, results of saved runs, optionally the trained
 * models; never the datasets) or open one (a drop anywhere on the lab opens one too).
 */
export function ProjectButton() {
  const [open, setOpen] = useState(false);
  const [opts, setOpts] = useState<SaveOptions>({ runs: 'latest', models: true });
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ error?: string; saved?: string } | null>(null);
  const runs = useHistoryStore((s) => s.runs);
  const loaded = useHistoryStore((s) => s.loaded);
  const fileRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const counts = { latest: savableRuns(runs, 'latest').length, all: savableRuns(runs, 'all').length };

  const toggle = () => {
    if (!loaded) void useHistoryStore.getState().load();
    setMsg(null);
    setOpen(!open);
  };
  const save = async () => {
    setBusy(true);
    setMsg(null);
    try {
      const p = await buildProject(opts);
      downloadBlob(new Blob([p.bytes as BlobPart], { type: 'application/zip' }), p.fileName);
      setMsg({ saved: `Saved “${p.fileName}”: the spec, ${p.runs} run${p.runs === 1 ? '' : 's'} and ${p.models} trained model${p.models === 1 ? '' : 's'} (${(p.bytes.byteLength / 1024).toFixed(0)} KB, no datasets).` });
    } catch (e) {
      setMsg({ error: `The project could not be saved: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="lab-share">
      <button type="button" className="btn" onClick={toggle} aria-expanded={open} aria-controls={id}>
        Project
      </button>
      <input
        ref={fileRef}
        type="file"
        accept={PROJECT_SUFFIXES.join(',')}
        hidden
        aria-label="Project file to open"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) {
            setOpen(false);
            void openProjectFile(f);
          }
        }}
      />
      {open && (
        <div id={id} className="lab-share-pop" role="dialog" aria-label="Project file" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <strong>Save this experiment as a project file</strong>
          <p className="muted">One file with the spec, results and (if ticked) the trained models, to keep or hand on. Datasets are never included: only their names and fingerprints, so whoever opens it knows what to drop.</p>
          <fieldset className="lab-plain lab-project-runs">
            <legend>Runs to include</legend>
            <label>
              <input type="radio" name={`${id}-runs`} checked={opts.runs === 'latest'} onChange={() => setOpts({ ...opts, runs: 'latest' })} /> the latest run ({counts.latest})
            </label>
            <label>
              <input type="radio" name={`${id}-runs`} checked={opts.runs === 'all'} onChange={() => setOpts({ ...opts, runs: 'all' })} /> every saved run ({counts.all})
            </label>
            <label>
              <input type="radio" name={`${id}-runs`} checked={opts.runs === 'none'} onChange={() => setOpts({ ...opts, runs: 'none' })} /> none (the spec only)
            </label>
          </fieldset>
          <label>
            <input type="checkbox" checked={opts.models} disabled={opts.runs === 'none'} onChange={(e) => setOpts({ ...opts, models: e.target.checked })} /> include the trained models (tfjs weights)
          </label>
          <div className="lab-project-actions">
            <button type="button" className="btn primary small" onClick={() => void save()} disabled={busy}>
              {busy ? 'Saving…' : 'Save project'}
            </button>
            <button type="button" className="btn small" onClick={() => fileRef.current?.click()}>
              Open project…
            </button>
            <button type="button" className="btn small ghost" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
          <p className="muted">Or drop a .ecglab.zip file anywhere on the lab to open it.</p>
          {msg?.saved && (
            <p role="status" data-testid="project-saved">
              {msg.saved}
            </p>
          )}
          {msg?.error && (
            <p role="alert" className="lab-error-text">
              {msg.error}
            </p>
          )}
        </div>
      )}
    </span>
  );
}
