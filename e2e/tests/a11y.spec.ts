import type { APIRequestContext, Page } from '@playwright/test';
import { expect, MapPage, snap, test } from '../fixtures/index.js';
import { expectAccessible } from '../fixtures/axe.js';

/** A map made from a template (or blank), opened once so the template is written into it. */
async function openMap(page: Page, request: APIRequestContext, template?: string) {
  const created = await request.post('/api/maps', { data: { title: template ?? 'Blank map' } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const map = new MapPage(page);
  await page.goto(`/maps/${id}${template ? `?template=${template}` : ''}`);
  await map.joinAs('Ada Lovelace');
  await map.expectLive();
  return { id, map };
}

test.describe('accessibility (axe, WCAG 2.2 A/AA): no serious or critical violation', () => {
  test('map list', async ({ page, mapList }) => {
    await mapList.goto();
    await expectAccessible(page, 'the map list');
  });

  test('map page, blank', async ({ page, request }) => {
    await openMap(page, request);
    await expectAccessible(page, 'a blank map');
  });

  // Every built-in template (packages/canvas/src/templates/index.ts): each fills the page differently.
  for (const template of [
    'contact-centre-call',
    'retail-store-purchase',
    'subscription-onboarding',
    'service-blueprint-hotel',
    'b2b-saas-onboarding',
    'employee-journey',
    'patient-journey',
    'ecommerce-returns',
  ]) {
    test(`map page, template ${template}`, async ({ page, request }) => {
      const { map } = await openMap(page, request, template);
      await expect(map.canvas.getByTestId('touchpoint-card').first()).toBeVisible();
      await snap(page, `a11y-map-${template}`);
      await expectAccessible(page, `the ${template} map`);
    });
  }

  test('share dialog and join page', async ({ page, request, browser }) => {
    const { id } = await openMap(page, request, 'retail-store-purchase');
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Invite people to this map' })).toBeVisible();
    await snap(page, 'a11y-share-dialog');
    await expectAccessible(page, 'the share dialog');
    const link = await request.post(`/api/maps/${id}/links`, { data: { role: 'editor', label: 'Group' } });
    expect(link.status()).toBe(201);
    const { token } = (await link.json()) as { token: string };
    const guest = await browser.newContext();
    try {
      const join = await guest.newPage();
      await join.goto(`/join/${token}`);
      await expect(join.getByRole('button', { name: /Join/ })).toBeVisible();
      await snap(join, 'a11y-join-page');
      await expectAccessible(join, 'the join page');
    } finally {
      await guest.close();
    }
  });

  test('roles, role profile with its exports panel, coverage', async ({ page, request }) => {
    const { id } = await openMap(page, request, 'contact-centre-call');
    await page.goto(`/maps/${id}/roles`);
    await expect(page.getByRole('list', { name: 'Roles on this map' })).toBeVisible();
    await expectAccessible(page, 'the roles page');
    const profile = page.getByRole('list', { name: 'Roles on this map' }).getByRole('link').first();
    await profile.click();
    await expect(page.getByRole('region', { name: 'Export', exact: true })).toBeVisible();
    await page.getByRole('region', { name: 'Export', exact: true }).scrollIntoViewIfNeeded();
    await snap(page, 'a11y-role-profile-exports');
    await expectAccessible(page, 'a role profile and its exports panel');
    await page.goto(`/maps/${id}/coverage`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page, 'the coverage page');
  });

  test('library', async ({ page }) => {
    await page.goto('/library');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page, 'the library');
  });
});
