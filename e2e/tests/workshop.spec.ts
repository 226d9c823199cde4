import type { Browser, Locator, Page } from '@playwright/test';
import { boxesApart, expect, MapPage, snap, test } from '../fixtures/index.js';
import { ExportPanel } from '../fixtures/ExportPanel.js';
import { E2E_OWNER, becomePerson, strangerContext } from '../fixtures/auth.js';

/** How long a change may take to reach the other browsers. */
const LIVE = { timeout: 3000 };

/** A participant opens an invitation link in a browser of their own and joins under `name`. */
async function joinByLink(browser: Browser, url: string, name: string): Promise<MapPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Join the journey mapping session' })).toBeVisible();
  await page.getByLabel('Your display name').fill(name);
  await page.getByRole('button', { name: 'Join the session' }).click();
  const map = new MapPage(page);
  await map.expectLive();
  await expect(page.getByTestId('my-role')).toHaveText('Editor');
  return map;
}

/** The React Flow viewport transform ("translate(x, y) scale(z)") of a page. */
function viewportOf(page: Page): Promise<string> {
  return page
    .locator('.react-flow__viewport')
    .first()
    .evaluate((el) => (el as HTMLElement).style.transform);
}

function sessionBar(page: Page): Locator {
  return page.getByRole('region', { name: 'Workshop session' });
}

/** Seconds shown on the session timer. */
async function timerSeconds(page: Page): Promise<number> {
  const text = (await page.getByTestId('session-timer').locator('.session-timer-time').textContent()) ?? '';
  const [m, s] = text.split(':').map(Number);
  return (m ?? 0) * 60 + (s ?? 0);
}

test('a facilitator runs a workshop with two participants who joined by link', async ({ browser, page, request }) => {
  test.setTimeout(240_000);
  const created = await request.post('/api/maps', { data: { title: 'Store visit workshop' } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  // ---- the facilitator (a workspace member) opens the map from a template ----
  const fac = new MapPage(page);
  await page.goto(`/maps/${id}?template=retail-store-purchase`);
  await fac.joinAs(E2E_OWNER.name);
  await fac.expectLive();
  await expect(fac.stage('Pays')).toBeVisible();
  await expect(page.getByTestId('my-role')).toHaveText('Facilitator');

  // ---- share links: an editor link to hand out, a viewer link revoked again ----
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const share = page.getByRole('dialog', { name: 'Invite people to this map' });
  await share.getByLabel('Role').selectOption('viewer');
  await share.getByLabel('Label').fill('Observers');
  await share.getByRole('button', { name: 'Create link' }).click();
  const observers = share.getByTestId('share-link').filter({ hasText: 'Observers' });
  await expect(observers).toBeVisible();
  await observers.getByRole('button', { name: 'Revoke' }).click();
  await expect(observers).toContainText('Revoked');
  await share.getByLabel('Role').selectOption('editor');
  await share.getByLabel('Label').fill('Workshop group');
  await share.getByLabel('Expires').selectOption({ label: 'In 1 day' });
  await share.getByRole('button', { name: 'Create link' }).click();
  const group = share.getByTestId('share-link').filter({ hasText: 'Workshop group' });
  await expect(group).toContainText('Expires');
  const url = await group.getByRole('textbox').inputValue();
  expect(url).toMatch(/\/join\/v1\./);
  await share.getByRole('button', { name: 'Done' }).click();

  // A revoked link turns guests away with a reason.
  const revokedUrl = await (async () => {
    const links = (await (await request.get(`/api/maps/${id}/links`)).json()) as {
      links: Array<{ label: string; token: string }>;
    };
    return `/join/${links.links.find((l) => l.label === 'Observers')!.token}`;
  })();

  // ---- two participants join by the editor link, with their names ----
  const ada = await joinByLink(browser, url, 'Ada');
  const ben = await joinByLink(browser, url, 'Ben');
  await expect.poll(() => fac.presentNames(), LIVE).toEqual(expect.arrayContaining(['Ada', 'Ben']));
  // Participant mode: a reduced toolbar (no structural "Add" tools, no export), and no facilitator tools.
  await expect(ada.canvas.getByRole('group', { name: 'Add' })).toHaveCount(0);
  await expect(fac.canvas.getByRole('group', { name: 'Add' })).toBeVisible();
  await expect(sessionBar(ada.page).getByRole('button', { name: 'Timer' })).toHaveCount(0);
  await expect(sessionBar(page).getByRole('button', { name: 'Timer' })).toBeVisible();

  const guest = await ada.page.context().newPage();
  await guest.goto(revokedUrl);
  // Told at once, before typing a name; no greeting, no form to fill in vain.
  await expect(guest.getByRole('alert')).toContainText('This invitation no longer works');
  await expect(guest.getByRole('alert')).toContainText('revoked');
  await expect(guest.getByText('You are invited')).toHaveCount(0);
  await expect(guest.getByRole('button', { name: 'Join the session' })).toHaveCount(0);
  await guest.close();

  // ---- timer: the facilitator starts 2 minutes, everyone sees it count down ----
  await sessionBar(page).getByRole('button', { name: 'Timer' }).click();
  await page.getByRole('dialog', { name: 'Session timer' }).getByLabel('Minutes').fill('2');
  await page.getByRole('dialog', { name: 'Session timer' }).getByRole('button', { name: 'Start timer' }).click();
  for (const p of [ada.page, ben.page]) await expect(p.getByTestId('session-timer')).toBeVisible(LIVE);
  const first = await timerSeconds(ada.page);
  expect(first).toBeGreaterThan(100);
  expect(first).toBeLessThanOrEqual(120);
  await expect.poll(() => timerSeconds(ben.page), { timeout: 5000 }).toBeLessThan(first);
  // Someone who opens the map long after the timer ran out reads when it ended, not a red alarm.
  const later = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    await becomePerson(later, 'Late Lou');
    const latePage = await later.newPage();
    await latePage.clock.install({ time: Date.now() + 30 * 60_000 });
    const late = new MapPage(latePage);
    await late.goto(id);
    await late.joinAs('Late Lou');
    await expect(latePage.getByTestId('session-timer')).toContainText('Timer ended at');
    await expect(latePage.getByTestId('session-timer')).not.toContainText('Time is up');
  } finally {
    await later.close();
  }

  // ---- lock a stage: the participant's UI refuses, and a forced change is put back ----
  await fac.stage('Pays').click();
  await fac.panel.getByRole('button', { name: 'Lock stage' }).click();
  await expect(fac.panel.getByRole('button', { name: 'Unlock stage' })).toBeVisible();
  await fac.closePanel();
  const adaPays = ada.stage('Pays');
  await expect(adaPays.getByTitle('Locked by a facilitator')).toBeVisible(LIVE);
  await adaPays.dblclick();
  // No inline rename in the header (the side panel opens, read-only).
  await expect(ada.canvas.locator('.react-flow__node').getByLabel('Stage name')).toHaveCount(0);
  const stagePanel = ada.panel.getByTestId('stage-panel');
  await expect(stagePanel.getByRole('status')).toContainText('locked this stage');
  await expect(stagePanel.getByLabel('Stage name')).toBeDisabled();
  // Force it: re-enable the form in the page and type anyway; the server puts the title back.
  await stagePanel.evaluate((el) => el.removeAttribute('disabled'));
  await stagePanel.getByLabel('Stage name').fill('Hacked stage');
  await stagePanel.getByLabel('Stage name').press('Enter');
  await expect(ada.stage('Pays')).toBeVisible(LIVE);
  await expect(ada.canvas.getByRole('columnheader', { name: 'Hacked stage' })).toHaveCount(0, LIVE);
  await expect(fac.canvas.getByRole('columnheader', { name: 'Hacked stage' })).toHaveCount(0);
  // Ada is told, and the notice covers none of the canvas toolbar's buttons.
  const refusal = ada.page.getByTestId('refusal-notices');
  await expect(refusal).toContainText('locked');
  const refusalBox = (await refusal.boundingBox())!;
  for (const button of await ada.canvas.getByRole('toolbar').getByRole('button').all()) {
    const b = await button.boundingBox();
    if (b) expect(boxesApart(refusalBox, b), `refusal notice over ${await button.textContent()}`).toBe(true);
  }
  await ada.closePanel();

  // ---- dot voting: hidden until the reveal ----
  await sessionBar(page).getByRole('button', { name: 'Voting' }).click();
  const votingDialog = page.getByRole('dialog', { name: 'Dot voting' });
  await votingDialog.getByLabel('Question').fill('Worst pain points');
  await votingDialog.getByRole('button', { name: 'Open voting round' }).click();
  await expect(ada.page.getByTestId('votes-left')).toHaveText('3 of 3 dots left', LIVE);
  await ada.fit();
  // The vote button covers nothing of the card: not its emotion face, not its title.
  {
    const card = ada.touchpoint('Lunchtime queues');
    const vote = (await card.getByRole('button', { name: 'Put a dot on Lunchtime queues' }).boundingBox())!;
    for (const part of [card.locator('.jc-face'), card.locator('.jc-card-title')]) {
      const b = (await part.boundingBox())!;
      expect(boxesApart(vote, b), `vote button over ${await part.getAttribute('class')}`).toBe(true);
    }
  }
  await ada.touchpoint('Lunchtime queues').getByRole('button', { name: 'Put a dot on Lunchtime queues' }).click();
  await expect(ada.page.getByTestId('votes-left')).toHaveText('2 of 3 dots left');
  await ben.fit();
  await ben.touchpoint('Lunchtime queues').getByRole('button', { name: 'Put a dot on Lunchtime queues' }).click();
  await expect(ben.page.getByTestId('votes-left')).toHaveText('2 of 3 dots left');
  await ben.touchpoint('Queues at the till').getByRole('button', { name: 'Put a dot on Queues at the till' }).click();
  await expect(ben.page.getByTestId('votes-left')).toHaveText('1 of 3 dots left');
  // Before the reveal nobody sees totals: no counts on any card, not even for whoever voted.
  await expect(ada.canvas.getByTestId('vote-count')).toHaveCount(0);
  await expect(ben.canvas.getByTestId('vote-count')).toHaveCount(0);
  await expect(fac.canvas.getByTestId('vote-count')).toHaveCount(0);
  await sessionBar(page).getByRole('button', { name: 'Voting' }).click();
  await expect(votingDialog).toContainText('3 dots placed so far');
  await votingDialog.getByRole('button', { name: 'Reveal results' }).click();
  await expect(ada.touchpoint('Lunchtime queues').getByTestId('vote-count')).toHaveText('2', LIVE);
  await expect(ada.touchpoint('Queues at the till').getByTestId('vote-count')).toHaveText('1');
  await expect(ben.touchpoint('Lunchtime queues').getByTestId('vote-count')).toHaveText('2', LIVE);
  await sessionBar(ada.page)
    .getByRole('button', { name: /Results: Worst pain points/ })
    .click();
  const results = ada.page.getByTestId('vote-results');
  await expect(results.getByRole('listitem').first()).toContainText('Lunchtime queues');
  await expect(results.getByRole('listitem').first()).toContainText('2 dots');
  await ada.page.keyboard.press('Escape');

  // ---- follow me: the participants' viewport follows the facilitator's ----
  await sessionBar(page).getByRole('button', { name: 'Follow me' }).click();
  await expect(ada.page.getByTestId('following')).toContainText(`Following ${E2E_OWNER.name}`, LIVE);
  const adaBefore = await viewportOf(ada.page);
  const benBefore = await viewportOf(ben.page);
  const facBefore = await viewportOf(page);
  await page.locator('.react-flow__controls-zoomin').click();
  await page.locator('.react-flow__controls-zoomin').click();
  await expect.poll(() => viewportOf(page)).not.toBe(facBefore);
  await expect.poll(() => viewportOf(ada.page), LIVE).not.toBe(adaBefore);
  await expect.poll(() => viewportOf(ben.page), LIVE).not.toBe(benBefore);
  // Ben stops following: the facilitator's next move leaves him where he is.
  await ben.page.getByRole('button', { name: 'Stop following' }).click();
  await ben.page.waitForTimeout(400);
  const benStopped = await viewportOf(ben.page);
  const adaFollowing = await viewportOf(ada.page);
  await page.locator('.react-flow__controls-zoomout').click();
  await expect.poll(() => viewportOf(ada.page), LIVE).not.toBe(adaFollowing);
  expect(await viewportOf(ben.page)).toBe(benStopped);
  // "Bring everyone here" pulls Ben along too, once.
  await sessionBar(page).getByRole('button', { name: 'Bring everyone here' }).click();
  await expect.poll(() => viewportOf(ben.page), LIVE).not.toBe(benStopped);

  // ---- spotlight a stage: the others are dimmed for everyone ----
  await sessionBar(page).getByLabel('Spotlight a stage').selectOption({ label: 'Spotlight: Pays' });
  await expect(ada.canvas.locator('.jc-stage.is-spotlit')).toHaveText(/Pays/, LIVE);
  await expect(ada.canvas.locator('.react-flow__node.is-spot-dimmed').first()).toBeVisible();
  await expect(
    ada.canvas.locator('.react-flow__node.is-spot-dimmed [data-testid="touchpoint-card"]', {
      hasText: 'Lunchtime queues',
    }),
  ).toHaveCount(0);

  // ---- anonymous notes ----
  await sessionBar(ben.page).getByRole('button', { name: 'Add note' }).click();
  const noteForm = ben.page.getByRole('dialog', { name: 'Add a note' });
  await noteForm.getByRole('button', { name: 'Post note' }).click();
  await expect(noteForm.getByRole('alert')).toContainText('the note is empty');
  await noteForm.getByLabel('Your note').fill('The card reader keeps timing out at busy times');
  await noteForm.getByLabel('Stage').selectOption({ label: 'Pays' });
  const anonymously = noteForm.getByRole('checkbox', { name: /Post anonymously/ });
  await expect(anonymously).not.toBeChecked();
  await anonymously.check();
  await noteForm.getByRole('button', { name: 'Post note' }).click();
  await expect(fac.stage('Pays').getByTestId('stage-notes')).toHaveText('1', LIVE);
  await sessionBar(page).getByRole('button', { name: 'Notes (1)' }).click();
  const note = page.getByTestId('notes-panel').getByTestId('note');
  await expect(note).toContainText('The card reader keeps timing out');
  await expect(note).toContainText('Anonymous');
  await expect(note).not.toContainText('Ben');

  // Screenshots of a live session: the facilitator's view and a participant's.
  await page.getByRole('button', { name: 'Close notes' }).click();
  await snap(page, 'workshop-01-facilitator');
  await snap(ada.page, 'workshop-02-participant');

  // ---- versions: save, change, compare, view read-only, restore, undo the restore ----
  await sessionBar(page).getByLabel('Spotlight a stage').selectOption({ label: 'No spotlight' });
  await sessionBar(page).getByRole('button', { name: 'History' }).click();
  const history = page.getByTestId('versions-panel');
  await history.getByLabel('Save the map as it is now').fill('Before renaming');
  await history.getByRole('button', { name: 'Save version' }).click();
  const saved = history.getByTestId('version').filter({ hasText: 'Before renaming' });
  await expect(saved).toBeVisible();
  await fac.fit();
  await fac.stage('Plans the visit').dblclick();
  const inline = fac.canvas.locator('.react-flow__node').getByLabel('Stage name');
  await inline.fill('Plans ahead');
  await inline.press('Enter');
  await expect(ada.stage('Plans ahead')).toBeVisible(LIVE);
  await saved.getByRole('button', { name: 'Compare with now' }).click();
  await expect(saved.getByTestId('diff-summary')).toContainText('1 changed');
  await expect(saved.getByTestId('diff-summary')).toContainText('Stage “Plans ahead”');
  await saved.getByRole('button', { name: 'View' }).click();
  const viewer = page.getByRole('dialog', { name: 'Version “Before renaming”' });
  await expect(
    viewer.getByTestId('version-canvas').getByRole('columnheader', { name: 'Plans the visit' }),
  ).toBeVisible();
  await expect(viewer.getByTestId('version-canvas').getByRole('group', { name: 'Add' })).toHaveCount(0);
  await snap(page, 'workshop-03-version-view');
  await viewer.getByRole('button', { name: 'Close' }).click();
  await saved.getByRole('button', { name: 'Restore' }).click();
  await expect(history.getByTestId('restore-notice')).toContainText('Before restoring');
  await expect(ada.stage('Plans the visit')).toBeVisible(LIVE);
  await expect(fac.stage('Plans the visit')).toBeVisible(LIVE);
  await expect(history.getByTestId('version').filter({ hasText: 'Before restoring' })).toContainText('automatic');
  await history.getByRole('button', { name: 'Undo restore' }).click();
  await expect(ada.stage('Plans ahead')).toBeVisible(LIVE);
  await expect(fac.stage('Plans ahead')).toBeVisible(LIVE);

  // ---- session summary: the facilitator downloads the PDF ----
  await history.getByRole('button', { name: 'Close version history' }).click();
  await sessionBar(page).getByRole('button', { name: 'Summary' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('dialog', { name: 'Session summary' }).getByRole('button', { name: 'Download PDF' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/session summary\.pdf$/);

  await ada.page.context().close();
  await ben.page.context().close();
});

test('on an invitation-only map, link sessions carry over to roles, profiles and exports; a viewer only reads', async ({
  browser,
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const created = await request.post('/api/maps', { data: { title: 'Invitation-only support map' } });
  const { id } = (await created.json()) as { id: string };

  const fac = new MapPage(page);
  await page.goto(`/maps/${id}?template=contact-centre-call`);
  await fac.joinAs(E2E_OWNER.name);
  await fac.expectLive();
  await expect(fac.canvas.getByTestId('touchpoint-card').first()).toBeVisible();

  // Invitation only: the workspace loses access; the owner (signed in) keeps it.
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const share = page.getByRole('dialog', { name: 'Invite people to this map' });
  await share.getByRole('checkbox', { name: /Shared with the whole workspace/ }).click();
  await expect(share.getByRole('checkbox', { name: /Shared with the whole workspace/ })).not.toBeChecked();
  await expect(
    share.getByText('Only its owner, the members below and people with a live link can open this map.'),
  ).toBeVisible();
  await expect(page.getByTestId('my-role')).toHaveText('Facilitator');
  await share.getByLabel('Role').selectOption('viewer');
  await share.getByLabel('Label').fill('HR observers');
  await share.getByRole('button', { name: 'Create link' }).click();
  const viewerUrl = await share
    .getByTestId('share-link')
    .filter({ hasText: 'HR observers' })
    .getByRole('textbox')
    .inputValue();
  await share.getByRole('button', { name: 'Done' }).click();
  const stranger = await strangerContext(browser);
  expect((await stranger.request.get(`/api/maps/${id}/snapshot`)).status()).toBe(401);
  await stranger.close();

  // The owner's session opens the pages beside the map, and the exports go through with it.
  await page.getByRole('link', { name: 'Roles & competencies' }).click();
  const agent = page.getByRole('link', { name: 'Customer care agent', exact: true }).first();
  await expect(agent).toBeVisible();
  await expect(page.getByRole('button', { name: 'New role' })).toBeEnabled();
  await agent.click();
  await expect(page.getByRole('heading', { name: 'Customer care agent', level: 1 })).toBeVisible();
  const exportPanel = new ExportPanel(page);
  const { download, bytes } = await exportPanel.downloadDocument('Interview guide', 'Word (DOCX)');
  expect(download.suggestedFilename()).toBe('customer-care-agent-interview-guide.docx');
  expect(bytes.subarray(0, 2).toString()).toBe('PK');

  // A viewer who joined by link reads the roles page but cannot change anything there.
  const viewerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const viewer = await viewerContext.newPage();
  await viewer.goto(viewerUrl);
  await viewer.getByLabel('Your display name').fill('Hana from HR');
  await viewer.getByRole('button', { name: 'Join the session' }).click();
  await new MapPage(viewer).expectLive();
  await expect(viewer.getByRole('link', { name: 'Roles & competencies' })).toHaveCount(0);
  await viewer.goto(`/maps/${id}/roles`);
  await expect(viewer.getByText('Your link lets you view this map, not change it.')).toBeVisible();
  await expect(viewer.getByRole('link', { name: 'Customer care agent', exact: true }).first()).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'New role' })).toBeDisabled();
  await expect(viewer.getByLabel('You: Hana from HR')).toBeVisible();
  await viewerContext.close();
});
