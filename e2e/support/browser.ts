import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterEach } from 'vitest';

export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

/** Keeps a screenshot of each given page when the current test fails. */
export function screenshotOnFailure(pages: Record<string, () => Page | undefined>): void {
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    mkdirSync(ARTIFACTS, { recursive: true });
    const name = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    for (const [label, get] of Object.entries(pages)) {
      const page = get();
      if (page && !page.isClosed()) await page.screenshot({ path: `${ARTIFACTS}${name}-${label}.png`, fullPage: true }).catch(() => undefined);
    }
  });
}
