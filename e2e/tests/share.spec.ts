import { expect, test, MapPage, snap } from '../fixtures/index.js';
import { expectAccessible } from '../fixtures/axe.js';
import { E2E_OWNER, signUpMember, strangerContext } from '../fixtures/auth.js';

test('the share dialog lists the map’s members, adds one by e-mail with a role, changes it and removes them; links can be off', async ({
  browser,
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const made = await request.post('/api/maps', { data: { title: 'Succession review' } });
  expect(made.status()).toBe(201);
  const { id } = (await made.json()) as { id: string };
  const stamp = Date.now();
  const email = `rhea.${stamp}@example.test`;

  const memberContext = await strangerContext(browser);
  await signUpMember(request, memberContext.request, 'Rhea Reviewer', email);

  // ---- the owner keeps the map to its members ----
  const owner = new MapPage(page);
  await owner.goto(id);
  await owner.joinAs(E2E_OWNER.name);
  await owner.expectLive();
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const share = page.getByRole('dialog', { name: 'Invite people to this map' });
  const members = share.getByRole('list', { name: 'Map members' });
  await expect(members.getByTestId('map-member').first()).toContainText('Owner');
  await expect(members.getByTestId('map-member').first()).toContainText(E2E_OWNER.name);
  const shared = share.getByRole('checkbox', { name: /Shared with the whole workspace/ });
  if (await shared.isChecked()) await shared.click();
  await expect(shared).not.toBeChecked();

  // ---- the member cannot open it, and is told whom to ask ----
  const memberPage = await memberContext.newPage();
  const member = new MapPage(memberPage);
  await member.goto(id);
  await expect(memberPage.getByRole('heading', { name: 'You have no access to this map' })).toBeVisible();
  await expect(memberPage.getByRole('alert')).toContainText(`ask its owner, ${E2E_OWNER.name}, to share it with you`);

  // ---- someone who is not in the workspace: a visible reason, nothing added ----
  await share.getByLabel('Add a workspace member').fill('nobody@else.test');
  await share.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(share.getByRole('alert')).toContainText('No single workspace member matches “nobody@else.test”');
  await expect(members.getByTestId('map-member')).toHaveCount(1);

  // ---- added as a viewer by e-mail: the member opens the map, read-only ----
  await share.getByLabel('Add a workspace member').fill(email);
  await share.getByLabel('Add as').selectOption('viewer');
  await share.getByRole('button', { name: 'Add', exact: true }).click();
  const rhea = members.getByTestId('map-member').filter({ hasText: 'Rhea Reviewer' });
  await expect(rhea).toContainText('Viewer');
  await member.goto(id);
  await member.joinAs('Rhea Reviewer');
  await member.expectLive();
  await expect(memberPage.getByTestId('my-role')).toHaveText('Viewer');

  // ---- made an editor: her open map follows without a reload ----
  await share.getByLabel('Access of Rhea Reviewer').selectOption('editor');
  await expect(rhea).toContainText('Editor');
  await expect(memberPage.getByTestId('my-role')).toHaveText('Editor');

  // ---- removed: her open map says she has no access any more ----
  await rhea.getByRole('button', { name: 'Remove Rhea Reviewer' }).click();
  await expect(members.getByTestId('map-member')).toHaveCount(1);
  await expect(memberPage.getByRole('heading', { name: 'You have no access to this map' })).toBeVisible();

  // ---- share links turned off for the workspace: the dialog says so and offers no new link ----
  await share.getByRole('button', { name: 'Done' }).last().click();
  const off = await request.put('/api/workspace/settings', { data: { shareLinks: false } });
  expect(off.status()).toBe(200);
  try {
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await expect(share.getByTestId('links-off')).toContainText('Share links are turned off for this workspace');
    await expect(share.getByRole('button', { name: 'Create link' })).toHaveCount(0);
    const refused = await request.post(`/api/maps/${id}/links`, { data: { role: 'viewer' } });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      'share links are turned off',
    );
  } finally {
    expect((await request.put('/api/workspace/settings', { data: { shareLinks: true } })).status()).toBe(200);
  }
  await memberContext.close();
});

test('a facilitator who is not the owner sees who can open the map and is told who can change it, with no controls that would fail', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const made = await request.post('/api/maps', { data: { title: 'Facilitated review' } });
  expect(made.status()).toBe(201);
  const { id } = (await made.json()) as { id: string };
  expect((await request.patch(`/api/maps/${id}`, { data: { access: 'links' } })).status()).toBe(200);
  const email = `fay.${Date.now()}@example.test`;
  const memberContext = await strangerContext(browser);
  await signUpMember(request, memberContext.request, 'Fay Facilitator', email);
  const people = (await (await request.get('/api/workspace/members')).json()) as {
    members: Array<{ id: string; email: string }>;
  };
  const fay = people.members.find((m) => m.email === email)!;
  expect((await request.put(`/api/maps/${id}/members/${fay.id}`, { data: { role: 'facilitator' } })).status()).toBe(
    200,
  );

  const page = await memberContext.newPage();
  const map = new MapPage(page);
  await map.goto(id);
  await map.joinAs('Fay Facilitator');
  await map.expectLive();
  await expect(page.getByTestId('my-role')).toHaveText('Facilitator');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const share = page.getByRole('dialog', { name: 'Invite people to this map' });
  await expect(share.getByRole('status').first()).toContainText(
    'Only this map’s owner or a workspace admin can change who can open it',
  );
  const members = share.getByRole('list', { name: 'Map members' });
  await expect(members.getByTestId('map-member').first()).toContainText(`Owner${E2E_OWNER.name}`);
  await expect(members.getByTestId('map-member').filter({ hasText: 'Fay Facilitator' })).toContainText('Facilitator');
  await expect(share).toContainText('Not shared with the whole workspace');
  for (const control of [
    share.getByRole('checkbox'),
    share.getByRole('button', { name: 'Add', exact: true }),
    share.getByRole('button', { name: 'Create link' }),
    share.getByRole('combobox'),
    share.getByRole('button', { name: /^Remove/ }),
  ])
    await expect(control).toHaveCount(0);
  await expectAccessible(page, 'the share dialog of a facilitator who is not the owner');
  await snap(page, 'share-dialog-facilitator');
  // The server agrees: she cannot make a link or change the map's members.
  expect((await memberContext.request.post(`/api/maps/${id}/links`, { data: { role: 'viewer' } })).status()).toBe(403);
  expect(
    (await memberContext.request.put(`/api/maps/${id}/members/${fay.id}`, { data: { role: 'editor' } })).status(),
  ).toBe(403);
  await share.getByRole('button', { name: 'Done' }).click();
  await expect(share).toBeHidden();
  await memberContext.close();
});
