import { panelInfo } from './panels';
import type { PanelId } from '../../store/uiStore';

/** The short explanation beside a panel. */
export function Explain({ panel }: { panel: PanelId }) {
  const info = panelInfo(panel);
  return (
    <aside className="explain" aria-label={`About: ${info.label}`}>
      <h2 className="explain-title">{info.explain.title}</h2>
      {info.explain.body.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      <div className="pipeline" aria-hidden="true">
        <span className={panel === 'designer' ? 'on' : ''}>synthetic</span>→<span className={panel === 'experiment' ? 'on' : ''}>regression</span>→
        <span className={panel === 'experiment' || panel === 'results' ? 'on' : ''}>transfer</span>→<span className={panel === 'data' || panel === 'results' ? 'on' : ''}>classification</span>
      </div>
    </aside>
  );
}
