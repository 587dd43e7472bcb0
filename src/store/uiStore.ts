/** App-shell state: which panel is open, theme, guided tour. No data here. */
import { create } from 'zustand';
import type { ProjectDataset } from '../core/experiment/project';

export const PANELS = ['designer', 'data', 'experiment', 'results', 'history'] as const;
export type PanelId = (typeof PANELS)[number];
export type Theme = 'light' | 'dark';

const THEME_KEY = 'ecg-lab-theme';
const EXPLAIN_KEY = 'ecg-lab-explain';

function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem(THEME_KEY);
    if (saved === 'light' || saved === 'dark') return saved;
    return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  } catch {
    return 'light';
  }
}

function initialExplain(): boolean {
  try {
    return localStorage.getItem(EXPLAIN_KEY) !== '0';
  } catch {
    return true;
  }
}

/** The outcome of opening a project file: what it held, or why it was refused (the message names the file). */
export type ProjectMessage = { opened: { fileName: string; name: string; runs: number; models: number; datasets: ProjectDataset[] } } | { error: string };

export interface UiState {
  panel: PanelId;
  theme: Theme;
  /** Index of the open guided-tour step, or null when the tour is closed. */
  tourStep: number | null;
  /** Show the short "what is this step" explanation beside each panel. */
  showExplanations: boolean;
  projectMessage: ProjectMessage | null;
  setProjectMessage(m: ProjectMessage | null): void;
  setPanel(panel: PanelId): void;
  toggleTheme(): void;
  setTheme(theme: Theme): void;
  startTour(): void;
  setTourStep(step: number | null): void;
  toggleExplanations(): void;
}

export const useUiStore = create<UiState>()((set, get) => ({
  panel: 'designer',
  theme: initialTheme(),
  tourStep: null,
  showExplanations: initialExplain(),
  projectMessage: null,
  setProjectMessage: (projectMessage) => set({ projectMessage }),
  setPanel: (panel) => set({ panel }),
  toggleTheme: () => get().setTheme(get().theme === 'dark' ? 'light' : 'dark'),
  setTheme: (theme) => {
    try {
      localStorage.setItem(THEME_KEY, theme);
    } catch {
      /* private mode: theme just isn't remembered */
    }
    set({ theme });
  },
  startTour: () => set({ tourStep: 0 }),
  setTourStep: (tourStep) => set({ tourStep }),
  toggleExplanations: () => {
    const next = !get().showExplanations;
    try {
      localStorage.setItem(EXPLAIN_KEY, next ? '1' : '0');
    } catch {
      /* ignore */
    }
    set({ showExplanations: next });
  },
}));

/** Navigate to a panel from anywhere (also usable outside React, e.g. by the experiment panel). */
export const goToPanel = (panel: PanelId): void => useUiStore.getState().setPanel(panel);
