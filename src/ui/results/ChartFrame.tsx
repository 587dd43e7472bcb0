import { useRef, useState, type ReactNode } from 'react';
import { chartToPng, downloadBlob, safeFileName } from './exportPng';

/** A titled chart card with a "PNG" download button. */
export function ChartFrame({
  title,
  fileName,
  testId,
  children,
  actions,
  data,
}: {
  title: string;
  fileName: string;
  testId?: string;
  children: ReactNode;
  actions?: ReactNode;
  data?: Record<string, string | number | undefined>;
}) {
  const dataAttrs = Object.fromEntries(Object.entries(data ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => [`data-${k}`, String(v)]));
  const ref = useRef<HTMLElement>(null);
  const [err, setErr] = useState<string | null>(null);
  const onPng = async () => {
    if (!ref.current) return;
    try {
      setErr(null);
      downloadBlob(await chartToPng(ref.current, title), `${safeFileName(fileName)}.png`);
    } catch (e) {
      setErr(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <figure className="lab-chart" ref={ref} data-testid={testId} aria-label={title} {...dataAttrs}>
      <figcaption className="lab-chart-head">
        <span className="lab-chart-title">{title}</span>
        <span className="lab-chart-actions">
          {actions}
          <button type="button" className="lab-btn-small" onClick={onPng} aria-label={`Download ${title} as PNG`} title="Download as PNG">
            PNG
          </button>
        </span>
      </figcaption>
      {children}
      {err && <p role="alert" className="lab-error-text">{err}</p>}
    </figure>
  );
}
