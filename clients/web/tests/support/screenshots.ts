import type { Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';

/** docs/screenshots at the repository's root: written again on every run, so they show the app as it is. */
const DIRECTORY = fileURLToPath(new URL('../../../../docs/screenshots/', import.meta.url));

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  // Focus rings and the caret would only show where the test left them.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: `${DIRECTORY}${name}.png`, animations: 'disabled', caret: 'hide' });
}
