import type { Locator, Page } from '@playwright/test';
import { expect, MapPage, openTemplateMap, snap, test } from '../fixtures/index.js';
import { E2E_OWNER } from '../fixtures/auth.js';
import { expectAccessible } from '../fixtures/axe.js';

/** How long a step may take to reach the other browser (and its zoom to settle). */
const LIVE = { timeout: 5000 };

function bar(page: Page): Locator {
  return page.getByRole('region', { name: 'Presentation' });
}

/** The middle of a stage's header lies in the middle part of the canvas pane (the canvas zoomed to it). */
async function centred(page: Page, stage: string): Promise<boolean> {
  const header = await page
    .getByTestId('journey-canvas')
    .getByRole('columnheader', { name: stage, exact: true })
    .boundingBox();
  const pane = await page.locator('.jc-flow').boundingBox();
  if (!header || !pane) return false;
  const mid = header.x + header.width / 2;
  return Math.abs(mid - (pane.x + pane.width / 2)) < pane.width * 0.1;
}

test('a facilitator presents the stages; a participant in another browser follows, leaves and rejoins', async ({
  browser,
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const { id, map: fac } = await openTemplateMap(request, page, {
    title: 'Presented journey',
    template: 'retail-store-purchase',
    name: E2E_OWNER.name,
  });
  await expect(fac.stage('Pays')).toBeVisible();

  // A participant joins by an editor link in a browser of their own.
  const link = await request.post(`/api/maps/${id}/links`, { data: { role: 'editor', label: 'Group' } });
  expect(link.status()).toBe(201);
  const { token } = (await link.json()) as { token: string };
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const guestPage = await context.newPage();
  await guestPage.goto(`/join/${token}`);
  await guestPage.getByLabel('Your display name').fill('Pat Participant');
  await guestPage.getByRole('button', { name: 'Join the session' }).click();
  const pat = new MapPage(guestPage);
  await pat.expectLive();
  await expect(guestPage.getByRole('button', { name: 'Present' })).toHaveCount(0);

  // ---- the facilitator starts: stage 1 of 5 for both, each canvas zoomed to it ----
  await page.getByRole('region', { name: 'Workshop session' }).getByRole('button', { name: 'Present' }).click();
  await expect(bar(page).getByTestId('presentation-step')).toHaveText('Stage 1 of 5');
  await expect(bar(page)).toContainText('Plans the visit');
  await expect(bar(guestPage).getByTestId('presentation-step')).toHaveText('Stage 1 of 5', LIVE);
  await expect.poll(() => centred(guestPage, 'Plans the visit'), LIVE).toBe(true);
  await expect(bar(guestPage).getByRole('button', { name: /Next/ })).toHaveCount(0);

  // ---- Next, and the arrow key: the participant's canvas follows each step ----
  await bar(page).getByRole('button', { name: /Next/ }).click();
  await expect(bar(guestPage).getByTestId('presentation-step')).toHaveText('Stage 2 of 5', LIVE);
  await expect.poll(() => centred(guestPage, 'Arrives and browses'), LIVE).toBe(true);
  await page.keyboard.press('ArrowRight');
  await expect(bar(page).getByTestId('presentation-step')).toHaveText('Stage 3 of 5');
  await expect(bar(guestPage)).toContainText('Gets advice', LIVE);
  await expect.poll(() => centred(guestPage, 'Gets advice'), LIVE).toBe(true);
  await expect.poll(() => centred(page, 'Gets advice'), LIVE).toBe(true);
  // The other stages lie under veils for the participant.
  await expect(guestPage.locator('.react-flow__node-veil')).toHaveCount(2);
  await snap(guestPage, 'presentation-participant');
  await snap(page, 'presentation-facilitator');
  await expectAccessible(guestPage, 'a participant following a presentation');
  await expectAccessible(page, 'a facilitator presenting');

  // ---- the participant leaves: the next step does not move their view; rejoining does ----
  await bar(guestPage).getByRole('button', { name: 'Leave' }).click();
  await expect(guestPage.locator('.react-flow__node-veil')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(bar(guestPage).getByTestId('presentation-step')).toHaveText('Stage 4 of 5', LIVE);
  await expect.poll(() => centred(guestPage, 'Gets advice')).toBe(true);
  await bar(guestPage).getByRole('button', { name: 'Rejoin the presentation' }).click();
  await expect.poll(() => centred(guestPage, 'Pays'), LIVE).toBe(true);

  // Previous goes back; at the last stage Next is disabled.
  await page.keyboard.press('ArrowLeft');
  await expect(bar(guestPage).getByTestId('presentation-step')).toHaveText('Stage 3 of 5', LIVE);
  await bar(page).getByRole('button', { name: /Next/ }).click();
  await expect(bar(page).getByTestId('presentation-step')).toHaveText('Stage 4 of 5');
  await bar(page).getByRole('button', { name: /Next/ }).click();
  await expect(bar(page).getByTestId('presentation-step')).toHaveText('Stage 5 of 5');
  await expect(bar(page).getByRole('button', { name: /Next/ })).toBeDisabled();

  // ---- stopping ends it for everyone ----
  await bar(page).getByRole('button', { name: 'Stop presenting' }).click();
  await expect(bar(page)).toHaveCount(0);
  await expect(bar(guestPage)).toHaveCount(0, LIVE);
  await expect(guestPage.locator('.react-flow__node-veil')).toHaveCount(0);
  await context.close();
});
