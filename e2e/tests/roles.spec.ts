import type { Page } from '@playwright/test';
import { expect, snap as snapPage, test } from '../fixtures/index.js';
import { LibraryPage, RoleProfilePage, RolesPage } from '../fixtures/RolesPage.js';

/** Full-page screenshot taken from the top, so sticky headers and panels sit where they belong. */
async function snap(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await snapPage(page, name);
}

const TOUCHPOINT = 'Billing dispute call';
const ROLE = 'Billing specialist';

test.describe('roles and competencies', () => {
  test("a role and two competencies attached in one browser show on the role's profile in another, with the touchpoint as evidence", async ({
    browser,
    page,
    mapList,
    mapPage,
  }) => {
    await mapList.goto();
    const id = await mapList.createMap('Billing support');
    await mapPage.joinAs('Ada Lovelace');
    await mapPage.expectLive();
    await mapPage.addStage('Resolve');
    await mapPage.addStage('Follow up');
    await mapPage.addLane('Frontstage', 'Frontstage');
    await mapPage.addTouchpoint(TOUCHPOINT, 'Resolve', 'Frontstage');
    await mapPage.addTouchpoint('Confirmation email', 'Follow up', 'Frontstage');

    // The map page's header leads to the roles of the map.
    await page.getByRole('link', { name: 'Roles & competencies' }).click();
    await expect(page).toHaveURL(new RegExp(`/maps/${id}/roles$`));
    const roles = new RolesPage(page);
    await expect(page.getByRole('heading', { name: 'Touchpoints', level: 1 })).toBeVisible();
    await roles.expectLive();
    await expect(page.getByRole('heading', { name: 'No roles yet' })).toBeVisible();

    // The role form explains what is wrong, beside the field, and writes nothing.
    const form = await roles.fillNewRole({ name: '  ', headcount: '-2' });
    await form.getByRole('button', { name: 'Add role' }).click();
    await expect(form.getByLabel('Role name')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByText('Enter a name for the role.')).toBeVisible();
    await expect(form.getByText('The number of seats must be a whole number, 0 or more.')).toBeVisible();
    await expect(form.getByRole('alert')).toHaveText('Fix the fields marked above.');
    await snap(page, '20-roles-validation');
    // More people in post than seats is refused beside the field, not stored.
    await roles.fillNewRole({ name: ROLE, headcount: '1', incumbents: '5' });
    await form.getByRole('button', { name: 'Add role' }).click();
    await expect(form.getByText('5 people in post do not fit in 1 seat', { exact: false })).toBeVisible();
    await expect(form.getByLabel('In post')).toHaveAttribute('aria-invalid', 'true');

    await roles.addRole({
      name: ROLE,
      team: 'Customer care',
      visibility: 'Frontstage',
      headcount: '4',
      incumbents: '3',
      readySuccessors: '0',
    });
    await expect(roles.role(ROLE)).toContainText('3 in post of 4 seats');
    // The library and HR settings, opened from the map's tabs, lead back to the page they came from.
    const rolesUrl = page.url();
    for (const tab of ['Competency library', 'HR settings']) {
      await page.getByRole('navigation', { name: 'Map sections' }).getByRole('link', { name: tab }).click();
      await page.getByRole('link', { name: '← Back to the map' }).click();
      await expect(page).toHaveURL(rolesUrl);
      await expect(roles.role(ROLE)).toBeVisible();
    }

    // The touchpoint is a moment of truth; the role owns it.
    const row = await roles.openTouchpoint(TOUCHPOINT);
    await row.getByLabel('Moment of truth').check();
    await expect(row.getByText('Moment of truth', { exact: true }).first()).toBeVisible();
    await roles.attachRole(TOUCHPOINT, ROLE, 'Owner');
    // An owner of a moment of truth with no ready successor is a succession risk.
    await expect(roles.role(ROLE).getByText('Succession risk: no ready successor')).toBeVisible();

    // A second browser opens the role's profile before any competency is required.
    const profilePath = await roles.profilePath(ROLE);
    const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const page2 = await other.newPage();
      await page2.goto(profilePath);
      const profile = new RoleProfilePage(page2);
      await expect(profile.root.getByRole('heading', { name: ROLE, level: 1 })).toBeVisible();
      await expect(profile.touchpoints.getByRole('listitem', { name: TOUCHPOINT })).toContainText('Moment of truth');
      await expect(profile.touchpoints.getByRole('listitem', { name: TOUCHPOINT })).toContainText('Owner');
      await expect(profile.competencies).toContainText('No competency is required of this role yet');

      // Back in the first browser: two competencies at that touchpoint, one HOW and one WHAT.
      await roles.requireCompetency(TOUCHPOINT, {
        role: ROLE,
        search: 'anger',
        competency: 'Defusing anger',
        level: 4,
        behaviour: 'Names the frustration before explaining the charge.',
      });
      await roles.requireCompetency(TOUCHPOINT, {
        role: ROLE,
        search: 'billing',
        competency: 'Order and billing systems',
        level: 3,
        behaviour: 'Finds the disputed line on the bill within 2 minutes.',
      });
      // The same competency twice for the same role and touchpoint is refused.
      const reqForm = row.getByRole('form', { name: `Add a competency at ${TOUCHPOINT}` });
      await reqForm.getByLabel('Find a competency').fill('anger');
      await reqForm.getByLabel('Competency', { exact: true }).selectOption({ label: 'Defusing anger · on this map' });
      await reqForm.getByRole('button', { name: 'Add requirement' }).click();
      await expect(reqForm.getByRole('alert')).toContainText('Defusing anger is already required of this role here');
      await expect(roles.touchpoint(TOUCHPOINT)).toContainText('2 competencies');
      await snap(page, '21-roles-touchpoint-editor');

      // The second browser's profile shows both, live, each with the touchpoint as evidence.
      const anger = profile.competency('Defusing anger');
      await expect(anger).toBeVisible();
      await expect(anger).toContainText('L4');
      await expect(profile.evidence('Defusing anger')).toContainText(`Needed at ${TOUCHPOINT}, a moment of truth`);
      await expect(profile.evidence('Defusing anger')).toContainText(
        '“Names the frustration before explaining the charge.”',
      );
      const billing = profile.competency('Order and billing systems');
      await expect(billing).toBeVisible();
      await expect(billing).toContainText('L3');
      await expect(profile.evidence('Order and billing systems')).toContainText(
        `Needed at ${TOUCHPOINT}, a moment of truth`,
      );
      await expect(profile.evidence('Order and billing systems')).toContainText(
        '“Finds the disputed line on the bill within 2 minutes.”',
      );
      // WHAT and HOW are kept apart.
      await expect(page2.getByRole('group', { name: 'HOW competencies' })).toContainText('Defusing anger');
      await expect(page2.getByRole('group', { name: 'WHAT competencies' })).toContainText('Order and billing systems');
      await expect(page2.getByRole('region', { name: 'Criticality' })).toContainText(
        'Touches 1 moment of truth: Billing dispute call',
      );

      // Standards, metrics, demand and the owner's checklist set at the touchpoint become the role's goals.
      await roles.addStandard(TOUCHPOINT, 'Never transfer an upset caller twice', true);
      await roles.addMetric(TOUCHPOINT, { name: 'Hold time', target: '< 2', unit: 'min', measuredBy: 'Call logs' });
      await roles.setDemand(TOUCHPOINT, '120', '100', 'per hour');
      await expect(row.getByRole('region', { name: `Demand and capacity at ${TOUCHPOINT}` })).toContainText(
        'outruns capacity',
      );
      await roles.addChecklistItem(TOUCHPOINT, 'Listen to three recorded calls', 'Weekly', 'Quality scores');
      const goals = page2.getByRole('region', { name: 'Goals' });
      await expect(goals).toContainText('Non-negotiable');
      await expect(goals).toContainText('Never transfer an upset caller twice');
      await expect(goals).toContainText('Hold time: < 2 min');
      // Editing the target at the touchpoint changes the goal on the profile.
      const metrics = row.getByRole('region', { name: `Metrics at ${TOUCHPOINT}` });
      await metrics.getByRole('button', { name: 'Edit metric: Hold time' }).click();
      const editMetric = metrics.getByRole('form', { name: 'Edit metric: Hold time' });
      await editMetric.getByLabel('Target').fill('< 90');
      await editMetric.getByLabel('Unit').fill('s');
      await editMetric.getByRole('button', { name: 'Save' }).click();
      await expect(metrics.getByRole('listitem', { name: 'Hold time' })).toContainText('Target < 90 s');
      await expect(goals).toContainText('Hold time: < 90 s');
      await expect(page2.getByRole('region', { name: 'Checklist' })).toContainText('Listen to three recorded calls');
      await expect(page2.getByRole('region', { name: 'Checklist' })).toContainText('measured by Quality scores');
      await expect(profile.touchpoints.getByRole('listitem', { name: TOUCHPOINT })).toContainText('Over capacity');
      await snap(page2, '22-role-profile-second-browser');

      // The coverage matrix links each cell to its evidence.
      await page2.goto(`/maps/${id}/coverage`);
      const cell = page2.getByRole('link', {
        name: `${ROLE} needs Defusing anger at level 4, at ${TOUCHPOINT}`,
      });
      await expect(cell).toHaveText('4');
      await expect(page2.getByRole('region', { name: 'Criticality ranking' })).toContainText(ROLE);
      await expect(page2.getByRole('region', { name: 'Gaps' })).toContainText('Confirmation email');
      await snap(page2, '23-coverage');
      await cell.click();
      await expect(page2).toHaveURL(new RegExp(`/roles/[^/]+#competency-defusing-anger$`));
      await expect(profile.competency('Defusing anger')).toBeInViewport();
    } finally {
      await other.close();
    }
  });

  test('edit and delete a role; undo brings it back', async ({ page, mapList }) => {
    await mapList.goto();
    const id = await mapList.createMap('Claims journey');
    const roles = new RolesPage(page);
    await roles.goto(id);
    await roles.expectLive();
    await roles.addRole({ name: 'Claims handler', team: 'Claims', visibility: 'Backstage', headcount: '2' });
    await expect(roles.role('Claims handler')).toContainText('Backstage');

    await roles.role('Claims handler').getByRole('button', { name: 'Edit Claims handler' }).click();
    const edit = page.getByRole('form', { name: 'Edit role Claims handler' });
    await edit.getByLabel('Role name').fill('Claims specialist');
    await edit.getByLabel('Ready successors').fill('1');
    await edit.getByRole('button', { name: 'Save role' }).click();
    await expect(roles.role('Claims specialist')).toContainText('1 ready successor');

    // Names are unique on a map (case does not matter).
    const form = await roles.fillNewRole({ name: 'claims SPECIALIST' });
    await form.getByRole('button', { name: 'Add role' }).click();
    await expect(form.getByText('There is already a role called “claims SPECIALIST” on this map.')).toBeVisible();
    await form.getByRole('button', { name: 'Cancel' }).click();

    await roles.role('Claims specialist').getByRole('button', { name: 'Delete Claims specialist' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Claims specialist”?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Delete role' }).click();
    await expect(roles.role('Claims specialist')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'No roles yet' })).toBeVisible();

    await page.getByRole('group', { name: 'History' }).getByRole('button', { name: 'Undo' }).click();
    await expect(roles.role('Claims specialist')).toBeVisible();
  });

  test('importing a malformed CSV shows the bad line and leaves the library unchanged', async ({ page }) => {
    const library = new LibraryPage(page);
    await library.goto();
    const before = await library.count.textContent();
    const items = await library.itemCount();
    expect(items).toBeGreaterThanOrEqual(46);
    await snap(page, '24-library');

    const header = 'id,kind,name,category,definition,level,level_name,behaviours,source';
    const row = (level: number | string, name = `Level ${level}`) =>
      `queue-calm,how,Keeping a queue calm,Connecting with the customer,Keeps waiting customers informed and calm.,${level},${name},Tells the customer how long the wait is.,Acme`;
    const bad = [header, row(1), row(7), row(3), row(4), row(5)].join('\n');
    await library.importFile('framework.csv', bad);
    await expect(library.importProblems).toBeVisible();
    await expect(library.importProblems).toContainText('framework.csv was not imported');
    await expect(library.importProblems).toContainText('The library is unchanged');
    await expect(library.importProblems.getByText(/^Line 3$/)).toBeVisible();
    await expect(library.count).toHaveText(before!);
    expect(await library.itemCount()).toBe(items);
    await snap(page, '25-library-import-error');

    // The same file with the line fixed imports, and the new competency can be found.
    const good = [header, row(1), row(2), row(3), row(4), row(5)].join('\n');
    await library.importFile('framework.csv', good);
    await expect(library.flash).toHaveText('Imported 1 competency.');
    await expect(library.importProblems).toHaveCount(0);
    expect(await library.itemCount()).toBe(items + 1);
    await page.getByLabel('Search competencies').fill('queue calm');
    await expect(library.item('Keeping a queue calm')).toBeVisible();
    await library
      .item('Keeping a queue calm')
      .getByRole('button', { name: /Keeping a queue calm/ })
      .click();
    await expect(
      library.item('Keeping a queue calm').getByRole('list', { name: 'Levels of Keeping a queue calm' }),
    ).toContainText('Tells the customer how long the wait is.');
    await expect(library.item('Keeping a queue calm')).toContainText("Team's own");
    await snap(page, '26-library-imported');
  });

  test('edit a built-in competency in the library, then revert it', async ({ page }) => {
    const library = new LibraryPage(page);
    await library.goto();
    await page.getByLabel('Search competencies').fill('Empathy');
    const item = library.item('Empathy');
    await item.getByRole('button', { name: /^Empathy/ }).click();
    await item.getByRole('button', { name: 'Edit Empathy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit “Empathy”' });
    await expect(dialog).toBeVisible();
    // Every level needs at least one behaviour.
    await dialog.getByLabel('Level 2 behaviours').fill('');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog.getByText('Write at least one observable behaviour')).toBeVisible();
    await snap(page, '27-library-edit-validation');
    await dialog.getByLabel('Level 2 behaviours').fill('Names the feeling the customer shows.\nKeeps a calm voice.');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog).toBeHidden();
    await expect(library.flash).toHaveText('Saved “Empathy”.');
    await expect(item).toContainText('Built-in, edited');
    await expect(item).toContainText('Names the feeling the customer shows.');

    await item.getByRole('button', { name: 'Revert Empathy' }).click();
    await expect(library.flash).toHaveText('“Empathy” is back to the built-in version.');
    await expect(item).not.toContainText('Built-in, edited');
    await expect(item).not.toContainText('Names the feeling the customer shows.');
  });
});
