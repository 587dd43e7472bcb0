import type { Page } from '@playwright/test';
import { DataPanel } from './DataPanel';
import { DesignerPanel } from './DesignerPanel';
import { ExperimentPanel } from './ExperimentPanel';
import { HistoryPanel } from './HistoryPanel';
import { ResultsPanel } from './ResultsPanel';
import { Shell } from './Shell';

/** The page objects of one page of the lab: the shell around the panels and each panel. */
export class Lab {
  readonly shell: Shell;
  readonly designer: DesignerPanel;
  readonly data: DataPanel;
  readonly experiment: ExperimentPanel;
  readonly results: ResultsPanel;
  readonly history: HistoryPanel;

  constructor(readonly page: Page) {
    this.shell = new Shell(page);
    this.designer = new DesignerPanel(page);
    this.data = new DataPanel(page);
    this.experiment = new ExperimentPanel(page, this.shell);
    this.results = new ResultsPanel(page);
    this.history = new HistoryPanel(page);
  }

  /** Open the app (or `path`, e.g. a share link) and switch to a panel. */
  async goto(path = '/'): Promise<void> {
    await this.shell.goto(path);
  }
}
