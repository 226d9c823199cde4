import { expect, MapPage, snap, test } from '../fixtures/index.js';
import { E2E_OWNER, signUpMember, strangerContext } from '../fixtures/auth.js';
import { expectAccessible } from '../fixtures/axe.js';

test('admins read the audit log in the app: a sign-in, an HR export and a map deletion, filtered; a member is refused', async ({
  browser,
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const title = `Audited map ${stamp}`;
  const memberName = `Aud Member ${stamp}`;
  const email = `aud.${stamp}@example.test`;

  // ---- a member signs up, and signs in again (a sign-in entry by them) ----
  const memberContext = await strangerContext(browser);
  await signUpMember(request, memberContext.request, memberName, email);
  const login = await memberContext.request.post('/api/auth/login', { data: { email, password: 'member password 1' } });
  expect(login.status()).toBe(200);

  // ---- the owner exports an HR document of a role, then deletes the map ----
  const made = await request.post('/api/maps', { data: { title } });
  expect(made.status()).toBe(201);
  const { id } = (await made.json()) as { id: string };
  const map = new MapPage(page);
  await page.goto(`/maps/${id}?template=retail-store-purchase`);
  await map.joinAs(E2E_OWNER.name);
  await map.expectLive();
  await expect(map.canvas.getByTestId('touchpoint-card').first()).toBeVisible();
  const snapshot = (await (await request.get(`/api/maps/${id}/snapshot`)).json()) as {
    roles: Array<{ id: string; name: string }>;
  };
  const { id: roleId, name: roleName } = snapshot.roles[0]!;
  const exported = await request.get(`/api/maps/${id}/roles/${roleId}/export?kind=interview-guide&format=md`);
  expect(exported.status()).toBe(200);
  const documentText = await exported.text();
  expect((await request.delete(`/api/maps/${id}`)).status()).toBe(204);

  // ---- the owner opens the audit log from the account menu ----
  await page.goto('/');
  await page.getByRole('button', { name: E2E_OWNER.name }).click();
  await page.getByRole('menuitem', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  const rows = page.getByTestId('audit-entry');
  const deleted = rows.filter({ hasText: 'Map deleted' }).filter({ hasText: title });
  await expect(deleted).toHaveCount(1);
  await expect(deleted).toContainText(E2E_OWNER.name);
  const hr = rows
    .filter({ hasText: 'HR document exported' })
    // Named as the role was called when it was exported, not by its id.
    .filter({ hasText: `role “${roleName}”` })
    .first();
  await expect(hr).toContainText('kind: interview-guide');
  await expect(hr).toContainText('format: md');
  await expect(hr).toContainText(title);
  await expect(rows.filter({ hasText: 'Signed in' }).filter({ hasText: memberName }).first()).toBeVisible();
  // What a document said never reaches the log (its first heading line stands for its contents).
  const firstLine = documentText.split('\n').find((l) => l.trim().length > 20 && !l.includes(title))!;
  await expect(page.getByRole('table', { name: 'Audit entries' })).not.toContainText(firstLine.trim());
  await expectAccessible(page, 'the audit log');
  await snap(page, 'audit-log');
  // Brought back, so nothing of this test waits under "Recently deleted" for the map list tests.
  expect((await request.post(`/api/maps/${id}/restore`)).status()).toBe(200);

  // ---- filters: one person's sign-ins; HR exports only; a day range with nothing in it ----
  await page.getByLabel('Person').selectOption({ label: memberName });
  await page.getByLabel('Action').selectOption({ label: 'Signed in' });
  await page.getByRole('button', { name: 'Show' }).click();
  // The list is replaced when the answer comes: wait until no row of another kind or person is left
  // (reading the rows at once raced with the old list).
  const otherThan = (action: string) => page.locator(`[data-testid="audit-entry"]:not([data-action="${action}"])`);
  await expect(otherThan('sign_in')).toHaveCount(0);
  await expect(rows.filter({ hasNotText: memberName })).toHaveCount(0);
  await expect(rows.first()).toContainText(memberName);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(deleted).toHaveCount(1);
  await page.getByLabel('Action').selectOption({ label: 'HR document exported' });
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(otherThan('hr_export')).toHaveCount(0);
  await expect(hr).toBeVisible();
  await page.getByLabel('Action').selectOption({ label: 'Any action' });
  const tomorrow = new Date(Date.now() + 86_400_000);
  const day = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
  await page.getByLabel('From').fill(day);
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByText('No entries match these filters.')).toBeVisible();
  await page.getByLabel('To').fill('2020-01-01');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('alert')).toHaveText('The “from” day comes after the “to” day.');

  // ---- a member: no menu item, and the page says why it shows nothing ----
  const memberPage = await memberContext.newPage();
  await memberPage.goto('/');
  await memberPage.getByRole('button', { name: new RegExp(memberName) }).click();
  await expect(memberPage.getByRole('menuitem', { name: 'Sign out' })).toBeVisible();
  await expect(memberPage.getByRole('menuitem', { name: 'Audit log' })).toHaveCount(0);
  await memberPage.goto('/workspace/audit');
  await expect(memberPage.getByRole('alert')).toContainText(
    'Only the workspace owner and admins can read the audit log',
  );
  await expect(memberPage.getByRole('alert')).toContainText('you are a member');
  await expect(memberPage.getByTestId('audit-entry')).toHaveCount(0);
  await expectAccessible(memberPage, 'the audit log, refused');
  await memberContext.close();
});
