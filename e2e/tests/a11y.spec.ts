import type { APIRequestContext, Page } from '@playwright/test';
import { expect, MapPage, snap, test } from '../fixtures/index.js';
import { expectAccessible } from '../fixtures/axe.js';
import { ExportPanel, MapExportPanel } from '../fixtures/ExportPanel.js';

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

  test('share dialog, join page with a live link and with a revoked one', async ({ page, request, browser }) => {
    const { id } = await openMap(page, request, 'retail-store-purchase');
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Invite people to this map' })).toBeVisible();
    await snap(page, 'a11y-share-dialog');
    await expectAccessible(page, 'the share dialog');
    const link = await request.post(`/api/maps/${id}/links`, { data: { role: 'editor', label: 'Group' } });
    expect(link.status()).toBe(201);
    const { token } = (await link.json()) as { token: string };
    const old = await request.post(`/api/maps/${id}/links`, { data: { role: 'viewer', label: 'Old' } });
    const revoked = (await old.json()) as { id: string; token: string };
    expect((await request.delete(`/api/maps/${id}/links/${revoked.id}`)).status()).toBe(200);
    // The share dialog with its links listed, one of them revoked.
    await page.getByRole('dialog', { name: 'Invite people to this map' }).getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await expect(page.getByTestId('share-link').filter({ hasText: 'Old' })).toContainText('Revoked');
    await snap(page, 'a11y-share-dialog-links');
    await expectAccessible(page, 'the share dialog with its links');
    const guest = await browser.newContext();
    try {
      const join = await guest.newPage();
      await join.goto(`/join/${token}`);
      await expect(join.getByRole('button', { name: /Join/ })).toBeVisible();
      await snap(join, 'a11y-join-page');
      await expectAccessible(join, 'the join page');
      await join.goto(`/join/${revoked.token}`);
      await expect(join.getByRole('alert')).toContainText('revoked');
      await snap(join, 'a11y-join-page-revoked');
      await expectAccessible(join, 'the join page of a revoked link');
    } finally {
      await guest.close();
    }
  });

  test('roles, role profile with every tab of its exports panel, coverage with the map exports', async ({
    page,
    request,
  }) => {
    // A dozen axe runs over big pages: more than the default minute on a loaded machine.
    test.setTimeout(180_000);
    const { id } = await openMap(page, request, 'contact-centre-call');
    await page.goto(`/maps/${id}/roles`);
    await expect(page.getByRole('list', { name: 'Roles on this map' })).toBeVisible();
    await snap(page, 'a11y-roles');
    await expectAccessible(page, 'the roles page');
    const profile = page.getByRole('list', { name: 'Roles on this map' }).getByRole('link').first();
    await profile.click();
    const panel = new ExportPanel(page);
    await expect(panel.root).toBeVisible();
    await panel.root.scrollIntoViewIfNeeded();
    await snap(page, 'a11y-role-profile-exports');
    await expectAccessible(page, 'a role profile and its exports panel');
    // Each document kind shows its own options (job ad details, interview options).
    for (const kind of ['Job advertisement', 'Interview guide']) {
      await panel.root.getByRole('radio', { name: kind, exact: true }).check();
      await snap(page, `a11y-exports-${kind.toLowerCase().replace(/ /g, '-')}`);
      await expectAccessible(page, `the exports panel with ${kind}`);
    }
    for (const tab of ['Development plan from assessments', 'Your own template']) {
      await panel.openTab(tab);
      await snap(page, `a11y-exports-${tab.split(' ')[0]!.toLowerCase()}`);
      await expectAccessible(page, `the exports panel's ${tab} tab`);
    }
    await page.goto(`/maps/${id}/coverage`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const mapExport = new MapExportPanel(page);
    await expect(mapExport.batch).toBeVisible();
    await snap(page, 'a11y-coverage');
    await expectAccessible(page, 'the coverage page with the map exports');
  });

  test('library', async ({ page }) => {
    await page.goto('/library');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page, 'the library');
  });
});
