import { useEffect, useId, useRef, useState } from 'react';
import './share.css';
import { useExperimentStore } from '../../store/experimentStore';
import { datasetRefs } from '../../core/experiment/datasetMatch';
import { bootExperiment, buildShareUrl, restoreFromLocation } from './shareLink';

/** Header button: copies a link holding the whole experiment spec (compressed, versioned) in the URL hash. */
export function ShareButton() {
  const spec = useExperimentStore((s) => s.spec);
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState('');
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    void bootExperiment();
    const onHash = () => void restoreFromLocation();
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const share = async () => {
    setError(null);
    setCopied(null);
    try {
      if (spec == null) throw new Error('no experiment spec yet');
      const link = await buildShareUrl(spec);
      setUrl(link);
      setOpen(true);
      try {
        await navigator.clipboard.writeText(link);
        setCopied('yes');
      } catch {
        setCopied('no');
      }
      requestAnimationFrame(() => inputRef.current?.select());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setOpen(true);
    }
  };
  const refs = open && spec ? datasetRefs(spec) : [];

  return (
    <span className="lab-share">
      <button type="button" className="btn" onClick={share} aria-expanded={open} aria-controls={id}>
        Copy link
      </button>
      {open && (
        <div id={id} className="lab-share-pop" role="dialog" aria-label="Share this experiment" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          {error ? (
            <p role="alert" className="lab-error-text">Could not encode the spec: {error}</p>
          ) : (
            <>
              <label htmlFor={`${id}-url`}>Link to this experiment</label>
              <input id={`${id}-url`} ref={inputRef} readOnly value={url} data-testid="share-url" onFocus={(e) => e.target.select()} />
              <p className="muted" role="status">
                {copied === 'yes' ? 'Copied to the clipboard. ' : copied === 'no' ? 'Select the link and copy it (the clipboard was not available). ' : ''}
                The link holds the experiment spec only ({url.length} characters); synthetic data is regenerated from its seed.
                {refs.length > 0 && ` Whoever opens it must drop the same ${refs.length === 1 ? 'dataset' : 'datasets'} (${refs.map((r) => r.name).join(', ')}); your files are never put in a link.`}
              </p>
            </>
          )}
          <button type="button" className="btn small" onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
      )}
    </span>
  );
}
