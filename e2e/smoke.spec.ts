import { expect, test } from './fixtures';

test('the lab opens on the synthetic-data demo', async ({ page, lab }) => {
  await lab.goto();
  await expect(page.getByRole('heading', { name: /ECG Transfer Lab/i })).toBeVisible();
});
