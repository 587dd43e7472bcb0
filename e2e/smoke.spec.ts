import { expect, test } from '@playwright/test';

test('the lab opens on the synthetic-data demo', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: /ECG Transfer Lab/i })).toBeVisible();
});
