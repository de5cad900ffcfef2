import { expect, test } from '@playwright/test';
import { ADMIN } from '../support/admin';

test('signs in, shows the user and role, and signs out', async ({ page }) => {
  await page.goto('/workflows');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: 'Sign in to Flowpress' })).toBeVisible();

  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByRole('textbox', { name: 'Password' }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('login-error')).toContainText('do not match');

  await page.getByRole('textbox', { name: 'Password' }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/workflows$/);
  await expect(page.getByRole('heading', { name: 'Workflows' })).toBeVisible();
  await expect(page.getByTestId('user-role')).toHaveText('Admin');

  await page.getByTestId('user-menu').click();
  await expect(page.getByRole('menu')).toContainText(ADMIN.email);
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login/);
});
