import { expect, snap, test } from '../fixtures/index.js';
import { E2E_OWNER } from '../fixtures/auth.js';
import { RoleProfilePage, RolesPage } from '../fixtures/RolesPage.js';
import { ExportPanel } from '../fixtures/ExportPanel.js';

const ROLE = 'Customer care agent';

test.describe('HR facts and settings', () => {
  test('the HR settings page and the HR facts of a role fill the JobPosting; bad input is named beside its field', async ({
    page,
    mapList,
    mapPage,
  }) => {
    // Workspace HR settings: a bad address is refused beside its field, then saved.
    await page.goto('/settings/hr');
    const settings = page.getByRole('form', { name: 'HR settings' });
    await settings.getByLabel('Legal employer name').fill('Northwind Energy Ltd');
    await settings.getByLabel('Website').fill('northwind');
    await settings.getByRole('button', { name: 'Save HR settings' }).click();
    await expect(settings.getByText('website must be an http(s) address', { exact: false })).toBeVisible();
    await settings.getByLabel('Website').fill('https://northwind-energy.example');
    await settings.getByLabel('Apply online at').fill('https://careers.northwind-energy.example/jobs');
    await settings.getByLabel('Benefits').fill('25 days of holiday and a pension.');
    await settings.getByRole('button', { name: 'Save HR settings' }).click();
    await expect(settings.getByRole('status')).toHaveText('Saved. New exports use these settings.');
    await snap(page, 'hr-01-settings');

    // A map from the template; the agent's HR facts in the roles page.
    await mapList.goto();
    await page.getByText('Contact-centre support call').click();
    const id = await mapList.createMap('Billing calls with HR facts');
    await mapPage.joinAs(E2E_OWNER.name);
    await mapPage.expectLive();
    const roles = new RolesPage(page);
    await roles.goto(id);
    await roles.expectLive();
    await page.getByRole('button', { name: `HR facts of ${ROLE}` }).click();
    const form = page.getByRole('form', { name: `HR facts of ${ROLE}` });
    await form.getByLabel('Job code').fill('CC-104');
    await form.getByLabel('Grade or band').fill('B3');
    await form.getByLabel('Full-time').check();
    await form.getByLabel('Currency').fill('pounds');
    await form.getByLabel('From').fill('24000');
    await form.getByLabel('To', { exact: true }).fill('27500');
    await form.getByLabel('Work arrangement').selectOption({ label: 'On site' });
    await form.getByLabel('Town or city').fill('Leeds');
    await form.getByLabel('Country code').fill('GB');
    await form.getByLabel('Applications close on').fill('2099-12-31');
    await form.getByRole('button', { name: 'Save HR facts' }).click();
    await expect(form.getByText('three-letter ISO 4217 currency code', { exact: false })).toBeVisible();
    await expect(form.getByRole('alert')).toContainText('Fix the field marked above.');
    await form.getByLabel('Currency').fill('GBP');
    await form.getByRole('button', { name: 'Save HR facts' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Saved the HR facts of ${ROLE}.` })).toBeVisible();

    // The facts are in the map: the JobPosting is published with them and the employer of the settings.
    await page.goto(await roles.profilePath(ROLE));
    const profile = new RoleProfilePage(page);
    await expect(profile.root.getByRole('heading', { name: ROLE, level: 1 })).toBeVisible();
    const panel = new ExportPanel(page);
    const ad = await panel.downloadDocument('Job advertisement', 'schema.org JobPosting (JSON-LD)');
    const posting = JSON.parse(ad.bytes.toString('utf8')) as Record<string, unknown>;
    expect(posting).toMatchObject({
      '@type': 'JobPosting',
      title: ROLE,
      validThrough: '2099-12-31',
      employmentType: 'FULL_TIME',
      identifier: { value: 'CC-104' },
      hiringOrganization: { name: 'Northwind Energy Ltd', sameAs: 'https://northwind-energy.example' },
      jobLocation: { address: { addressLocality: 'Leeds', addressCountry: 'GB' } },
      baseSalary: { currency: 'GBP', value: { minValue: 24000, maxValue: 27500, unitText: 'YEAR' } },
    });
    // The job description has the facts too.
    const jd = await panel.downloadDocument('Job description', 'Markdown');
    const md = jd.bytes.toString('utf8');
    expect(md).toContain('**Job code:** CC-104');
    expect(md).toContain('**Grade or band:** B3');
    expect(md).toContain('**Pay range:** £24,000 to £27,500 a year');

    // A second workplace: both are kept, and a later edit of another fact keeps both.
    await roles.goto(id);
    await roles.expectLive();
    await page.getByRole('button', { name: `HR facts of ${ROLE}` }).click();
    await form.getByRole('button', { name: 'Add a workplace' }).click();
    const second = form.getByRole('group', { name: 'Workplace 2' });
    await second.getByLabel('Town or city').fill('Cork');
    await second.getByLabel('Country code').fill('Irl');
    await form.getByRole('button', { name: 'Save HR facts' }).click();
    // The problem is shown in the row it is about.
    await expect(second.getByText(/two-letter/i)).toBeVisible();
    await second.getByLabel('Country code').fill('IE');
    await form.getByRole('button', { name: 'Save HR facts' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Saved the HR facts of ${ROLE}.` })).toBeVisible();
    await page.getByRole('button', { name: `HR facts of ${ROLE}` }).click();
    await expect(form.getByRole('group', { name: 'Workplace 1' }).getByLabel('Town or city')).toHaveValue('Leeds');
    await expect(form.getByRole('group', { name: 'Workplace 2' }).getByLabel('Town or city')).toHaveValue('Cork');
    await form.getByRole('group', { name: 'Workplace 2' }).scrollIntoViewIfNeeded();
    await snap(page, 'hr-02-two-workplaces');
    await form.getByLabel('Grade or band').fill('B4');
    await form.getByRole('button', { name: 'Save HR facts' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Saved the HR facts of ${ROLE}.` })).toBeVisible();
    await page.goto(await roles.profilePath(ROLE));
    const again = await panel.downloadDocument('Job description', 'Markdown');
    const text = again.bytes.toString('utf8');
    expect(text).toContain('**Grade or band:** B4');
    expect(text).toMatch(/Leeds, United Kingdom[^\n]*; [^\n]*Cork, Ireland/);
  });
});
