import { expect, type Locator, type Page } from '@playwright/test';

export type PanelName = 'Designer' | 'Data' | 'Experiment' | 'Results' | 'History';

/** What surrounds the panels: the title, the panel tabs, the theme switch, the guided tour and the share link. */
export class Shell {
  constructor(readonly page: Page) {}

  async goto(path = '/'): Promise<void> {
    await this.page.goto(path);
  }

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'ECG Transfer Lab' });
  }

  tab(name: PanelName): Locator {
    return this.page.getByRole('tab', { name: new RegExp(`^${name}`) });
  }

  /** Switch panel through the visible tab. */
  async open(name: PanelName): Promise<void> {
    await this.tab(name).click();
  }

  async expectOn(name: PanelName): Promise<void> {
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
  }

  async switchToDarkTheme(): Promise<void> {
    await this.page.getByRole('button', { name: /Switch to dark theme/ }).click();
  }

  tour(): Locator {
    return this.page.getByRole('dialog');
  }

  async startTour(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Guided tour' }).click();
    return this.tour();
  }

  /** "Copy link" → the share URL the popover shows. */
  async shareLink(): Promise<string> {
    await this.page.getByRole('button', { name: 'Copy link' }).click();
    return this.page.getByTestId('share-url').inputValue();
  }

  async closeSharePopover(): Promise<void> {
    await this.page.getByRole('button', { name: 'Close' }).click();
  }

  alerts(): Locator {
    return this.page.getByRole('alert');
  }
}
