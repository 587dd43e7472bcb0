/** The app shell: header (backend badge, share, tour, theme), panel tabs, the open panel with its explanation. */
import { useEffect } from 'react';
import { Header } from './shell/Header';
import { NavTabs } from './shell/NavTabs';
import { Explain } from './shell/Explain';
import { Tour } from './shell/Tour';
import { ProjectDrop } from './shell/ProjectDrop';
import { followViews, loadHistory } from '../store/viewActions';
import { SlotBoundary } from './shell/SlotBoundary';
import { panelInfo } from './shell/panels';
import { DesignerPanel } from './designer/DesignerPanel';
import { DataPanel } from './data/DataPanel';
import { ExperimentPanel } from './experiment/ExperimentPanel';
import { ResultsPanel } from './results/ResultsPanel';
import { HistoryPanel } from './history/HistoryPanel';
import { useUiStore, type PanelId } from '../store/uiStore';
import './styles/theme.css';
import './styles/shell.css';
import './styles/ecg.css';
import './styles/panels.css';

const PANELS: Record<PanelId, () => React.ReactNode> = {
  designer: () => <DesignerPanel />,
  data: () => <DataPanel />,
  experiment: () => <ExperimentPanel />,
  results: () => <ResultsPanel />,
  history: () => <HistoryPanel />,
};

export function App() {
  const panel = useUiStore((s) => s.panel);
  const theme = useUiStore((s) => s.theme);
  const showExplanations = useUiStore((s) => s.showExplanations);
  // History's "View" opens Results; a fresh page shows the latest saved run there.
  useEffect(() => {
    const stop = followViews();
    void loadHistory();
    return stop;
  }, []);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);
  return (
    <div className="app">
      <a className="skip-link" href={`#panel-${panel}`}>
        Skip to panel
      </a>
      <Header />
      <NavTabs />
      <ProjectDrop />
      <div className={showExplanations ? 'app-body with-notes' : 'app-body'}>
        <main id={`panel-${panel}`} role="tabpanel" aria-labelledby={`tab-${panel}`} className="panel" tabIndex={-1}>
          <SlotBoundary key={panel} name={`${panelInfo(panel).label} panel`} panel>
            {PANELS[panel]()}
          </SlotBoundary>
        </main>
        {showExplanations && <Explain panel={panel} />}
      </div>
      <Tour />
    </div>
  );
}
