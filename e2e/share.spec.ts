import { expect, shot, test } from './fixtures';
import { Lab } from './pages/Lab';

async function runAndReadComparison(lab: Lab): Promise<string[][]> {
  await lab.experiment.startAndWait();
  await lab.shell.open('Results');
  return lab.results.comparison(2);
}

test('copy link → fresh browser context: same spec restored, same seeded run gives the same metrics', async ({ page, lab, openContext }) => {
  await lab.goto();
  await lab.experiment.choosePreset('teaching-quick');
  const spec = await lab.experiment.editSpec((s) => {
    s.seed = 4242;
    s.backend = 'wasm';
    s.sources.synth.spec.n = 120;
    s.sources.morph.spec.n = 80;
    s.training.epochs = 2;
  });
  // The form shows the applied spec before anything runs (the run must be the edited one: seed 4242).
  await expect(lab.experiment.seed()).toHaveValue('4242');
  const url = await lab.shell.shareLink();
  expect(url).toMatch(/#spec=/);
  expect(url.length).toBeLessThan(8000); // the spec only, no data
  await shot(page, 'share-popover', { fullPage: false });
  await lab.shell.closeSharePopover();
  const metricsA = await runAndReadComparison(lab);

  const other = new Lab(await (await openContext()).newPage());
  await other.goto(url);
  // A shared link opens on the Experiment panel and says where the spec came from.
  await other.shell.expectOn('Experiment');
  await expect(other.page.getByText('Experiment restored from a shared link.')).toBeVisible();
  await expect(other.experiment.seed()).toHaveValue('4242');
  await expect(other.experiment.backend()).toHaveValue('wasm');
  expect(await other.experiment.specJson()).toEqual(spec);
  await shot(other.page, 'share-restored', { fullPage: false });
  const metricsB = await runAndReadComparison(other);
  console.log(`same run in two contexts: ${JSON.stringify(metricsA)} vs ${JSON.stringify(metricsB)}`);
  expect(metricsB).toEqual(metricsA);
});

test('a broken share link is reported, not a blank page', async ({ lab }) => {
  await lab.goto('/#spec=not-a-valid-spec');
  await lab.experiment.open();
  await expect(lab.experiment.specError()).toContainText(/shared link/i);
  await expect(lab.experiment.preset()).toBeVisible();
});
