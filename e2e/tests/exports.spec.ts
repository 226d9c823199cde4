import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { artifactsDir, expect, snap as snapPage, test, type MapListPage, type MapPage } from '../fixtures/index.js';
import { E2E_OWNER } from '../fixtures/auth.js';
import { RoleProfilePage, RolesPage } from '../fixtures/RolesPage.js';
import { ExportPanel, MapExportPanel } from '../fixtures/ExportPanel.js';
import { readZip, writeZip } from '../fixtures/zip.js';

const MAP = 'Billing calls';
const ROLE = 'Customer care agent';
const TOUCHPOINT = 'Explains the charge in plain words';

/** A Word template: a downloaded DOCX with its body replaced by paragraphs of `{tags}`. */
function docxTemplate(from: Buffer, paragraphs: string[]): Buffer {
  const entries = readZip(from);
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join('');
  entries.set(
    'word/document.xml',
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
      'utf8',
    ),
  );
  return writeZip(entries);
}

async function snap(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await snapPage(page, name);
}

/** A map from the contact-centre template, with one competency required of the agent; returns the map id. */
async function setUpMap(page: Page, mapList: MapListPage, mapPage: MapPage): Promise<string> {
  await mapList.goto();
  await page.getByText('Contact-centre support call').click();
  const id = await mapList.createMap(MAP);
  await mapPage.joinAs(E2E_OWNER.name);
  await mapPage.expectLive();
  await expect(mapPage.stats).toHaveText('5 stages · 7 lanes · 17 touchpoints');
  const roles = new RolesPage(page);
  await roles.goto(id);
  await roles.expectLive();
  await roles.requireCompetency(TOUCHPOINT, {
    role: ROLE,
    search: 'anger',
    competency: 'Defusing anger',
    level: 4,
    behaviour: 'Names the frustration before explaining the charge.',
  });
  return id;
}

test.describe('HR exports', () => {
  test('export an interview guide from the UI and the file downloads; zips, development plans and templates too', async ({
    page,
    mapList,
    mapPage,
  }) => {
    test.setTimeout(180_000);
    const id = await setUpMap(page, mapList, mapPage);
    const roles = new RolesPage(page);
    await page.goto(await roles.profilePath(ROLE));
    const profile = new RoleProfilePage(page);
    await expect(profile.root.getByRole('heading', { name: ROLE, level: 1 })).toBeVisible();
    const panel = new ExportPanel(page);

    // The kinds come from the server's catalogue, each with its formats.
    for (const kind of [
      'Job description',
      'Interview guide',
      'Performance review form',
      'Development plan',
      'Succession plan',
    ]) {
      await expect(panel.root.getByRole('radio', { name: kind, exact: true })).toBeVisible();
    }

    // Interview guide as Word: a real DOCX (a zip with word/document.xml) that names the role.
    const guide = await panel.downloadDocument('Interview guide', 'Word (DOCX)');
    expect(guide.download.suggestedFilename()).toBe('customer-care-agent-interview-guide.docx');
    expect(guide.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const docx = readZip(guide.bytes);
    const xml = docx.get('word/document.xml')?.toString('utf8') ?? '';
    expect(xml).toContain(ROLE);
    expect(xml).toContain('Defusing anger');
    await expect(panel.status).toContainText('Downloaded customer-care-agent-interview-guide.docx');

    // A format only job ads have is offered only for them: the JSON-LD JobPosting names the employer.
    // Without a workplace it cannot be published: the person sees what is missing.
    await panel.root.getByRole('radio', { name: 'Job advertisement', exact: true }).check();
    await panel.root.getByLabel('Employer name').fill('Northwind Energy');
    await panel.root.getByLabel('Employment type').selectOption({ label: 'Full time' });
    await panel.root.getByLabel('Format', { exact: true }).selectOption({ label: 'schema.org JobPosting (JSON-LD)' });
    await panel.root.getByRole('button', { name: 'Download job advertisement', exact: true }).click();
    await expect(panel.error('Export problem')).toContainText('jobLocation');
    const facts = await page.request.put(`/api/maps/${id}/roles/${encodeURIComponent(ROLE)}/hr`, {
      data: { locations: [{ locality: 'Leeds', country: 'GB' }], postingClosesOn: '2099-12-31' },
    });
    expect(facts.status()).toBe(200);
    const ad = await panel.downloadDocument('Job advertisement', 'schema.org JobPosting (JSON-LD)');
    expect(ad.download.suggestedFilename()).toBe('customer-care-agent-job-ad.jsonld');
    const posting = JSON.parse(ad.bytes.toString('utf8')) as {
      '@type': string;
      title: string;
      hiringOrganization: { name: string };
      employmentType: string[] | string;
    };
    expect(posting['@type']).toBe('JobPosting');
    expect(posting.title).toBe(ROLE);
    expect(posting.hiringOrganization.name).toBe('Northwind Energy');
    expect(String(posting.employmentType)).toContain('FULL_TIME');
    await panel.root.getByRole('radio', { name: 'Interview guide', exact: true }).check();
    await expect(
      panel.root.getByLabel('Format', { exact: true }).locator('option', { hasText: 'JSON-LD' }),
    ).toHaveCount(0);

    // Every document of the role, zipped.
    const all = await panel.downloadAll('PDF');
    expect(all.download.suggestedFilename()).toBe('customer-care-agent-documents-pdf.zip');
    const names = [...readZip(all.bytes).keys()];
    expect(names).toContain('customer-care-agent-interview-guide.pdf');
    expect(names).toContain('customer-care-agent-pipeline-plan.pdf');
    expect(names).not.toContain('customer-care-agent-succession-plan.pdf');
    expect(readZip(all.bytes).get('customer-care-agent-review-form.pdf')!.subarray(0, 5).toString('latin1')).toBe(
      '%PDF-',
    );
    await panel.root.scrollIntoViewIfNeeded();
    await panel.root.screenshot({ path: path.join(artifactsDir, 'exports-01-panel.png') });

    // Development plan: a CSV with mistakes is refused with every line at fault, and nothing downloads.
    let downloads = 0;
    page.on('download', () => downloads++);
    await panel.submitAssessments(
      'assessments.csv',
      'person,competency,level\nJordan Lee,Defusing anger,9\nJordan Lee,Juggling,2\n',
    );
    const problems = panel.error('Assessment problems');
    await expect(problems).toBeVisible();
    await expect(problems).toContainText('Line 2');
    await expect(problems).toContainText('Line 3');
    await expect(problems).toContainText('Juggling');
    await panel.root.screenshot({ path: path.join(artifactsDir, 'exports-02-assessment-errors.png') });
    expect(downloads).toBe(0);

    // The corrected CSV gives the plan for that person.
    const plan = await (async () => {
      const wait = page.waitForEvent('download');
      await panel.submitAssessments(
        'assessments.csv',
        'person,competency,level,assessor\nJordan Lee,Defusing anger,2,Sam Park\n',
        'Markdown',
      );
      const download = await wait;
      return download;
    })();
    expect(plan.suggestedFilename()).toBe('customer-care-agent-development-plan-jordan-lee.md');
    await expect(panel.status).toContainText('Downloaded customer-care-agent-development-plan-jordan-lee.md');
    await expect(problems).toHaveCount(0);

    // Custom templates: the documented fields are listed with sample values.
    await panel.openTab('Your own template');
    const roleName = panel.templateFields.getByRole('listitem', { name: 'role.name', exact: true });
    await expect(roleName).toContainText('Role name.');
    await expect(roleName).toContainText('e.g. “Contact centre agent”');
    await expect(panel.templateFields.getByRole('listitem', { name: 'competencies', exact: true })).toContainText(
      '{#competencies}…{/competencies}',
    );

    // A broken template: the server's message names the unknown field, visibly.
    await panel.chooseTemplate('broken.md', '# {{ role.nme }}\n');
    await panel.root.getByRole('button', { name: 'Preview with sample data' }).click();
    const templateProblem = panel.error('Template problem');
    await expect(templateProblem).toContainText('undefined variable: role.nme');
    await panel.root.screenshot({ path: path.join(artifactsDir, 'exports-03-template-error.png') });
    // An unclosed tag too, when filling for the role.
    await panel.chooseTemplate('unclosed.md', '{% if role.team %}Team: {{ role.team }}\n');
    await panel.root.getByRole('button', { name: `Fill for ${ROLE}` }).click();
    await expect(templateProblem).toContainText('not closed');

    // A good template previews with the sample map, then fills for this role.
    const template =
      '# {{ role.name }}\n\n{% for c in competencies %}- {{ c.name }} (level {{ c.level }})\n{% endfor %}';
    await panel.chooseTemplate('profile.md', template);
    await panel.root.getByRole('button', { name: 'Preview with sample data' }).click();
    await expect(panel.preview).toContainText('# Contact centre agent');
    await panel.root.screenshot({ path: path.join(artifactsDir, 'exports-04-template-preview.png') });
    const filled = await (async () => {
      const wait = page.waitForEvent('download');
      await panel.root.getByRole('button', { name: `Fill for ${ROLE}` }).click();
      return wait;
    })();
    expect(filled.suggestedFilename()).toBe('customer-care-agent-custom.md');
    const text = await readFile(await filled.path(), 'utf8');
    expect(text).toContain(`# ${ROLE}`);
    expect(text).toContain('- Defusing anger (level 4)');

    // A Word template: an unknown tag is named in the error; a good one is filled for the role.
    await panel.chooseTemplate('broken.docx', docxTemplate(guide.bytes, ['Profile of {role.name} in {role.tem}']));
    await panel.root.getByRole('button', { name: `Fill for ${ROLE}` }).click();
    await expect(templateProblem).toContainText('role.tem');
    await expect(templateProblem).toContainText('did you mean role.team?');
    // A company template with a field we do not have: refused by name, or filled blank when the person asks.
    await panel.chooseTemplate(
      'company.docx',
      docxTemplate(guide.bytes, ['{role.name}, grade {role.grade}, cost centre {costCentre}']),
    );
    await panel.root.getByRole('button', { name: `Fill for ${ROLE}` }).click();
    await expect(templateProblem).toContainText('unknown field "{costCentre}"');
    await panel.root.getByLabel('Fill fields we do not have blank, instead of refusing the template').check();
    const company = await (async () => {
      const wait = page.waitForEvent('download');
      await panel.root.getByRole('button', { name: `Fill for ${ROLE}` }).click();
      return wait;
    })();
    expect(company.suggestedFilename()).toBe('customer-care-agent-custom.docx');
    await expect(panel.root.getByRole('note', { name: 'Fields left blank' })).toContainText('{costCentre}');
    await panel.root.getByLabel('Fill fields we do not have blank, instead of refusing the template').uncheck();
    await panel.chooseTemplate(
      'profile.docx',
      docxTemplate(guide.bytes, ['Profile of {role.name}', '{#competencies}{name} at level {level}. {/competencies}']),
    );
    const word = await (async () => {
      const wait = page.waitForEvent('download');
      await panel.root.getByRole('button', { name: `Fill for ${ROLE}` }).click();
      return wait;
    })();
    expect(word.suggestedFilename()).toBe('customer-care-agent-custom.docx');
    const wordXml = readZip(await readFile(await word.path()))
      .get('word/document.xml')!
      .toString('utf8');
    expect(wordXml).toContain(`Profile of ${ROLE}`);
    expect(wordXml).toContain('Defusing anger at level 4.');
    // Its preview with the sample map is a Word file to open, never its bytes printed on the page.
    const wordPreview = await (async () => {
      const wait = page.waitForEvent('download');
      await panel.root.getByRole('button', { name: 'Preview with sample data' }).click();
      return wait;
    })();
    expect(wordPreview.suggestedFilename()).toMatch(/\.docx$/);
    await expect(panel.preview).toHaveCount(0);
    await expect(panel.root.getByText(/^PK/)).toHaveCount(0);
    await snap(page, 'exports-05-profile');

    // Coverage page: every role's documents in one zip, and the coverage matrix as a spreadsheet.
    await page.goto(`/maps/${id}/coverage`);
    const mapExport = new MapExportPanel(page);
    await expect(mapExport.root).toBeVisible();
    await mapExport.root.scrollIntoViewIfNeeded();
    // Nothing ticked is refused before asking the server.
    const checks = mapExport.batch.getByRole('checkbox');
    const count = await checks.count();
    for (let i = 0; i < count; i++) await checks.nth(i).uncheck();
    await mapExport.batch.getByRole('button', { name: 'Download all roles (zip)' }).click();
    await expect(mapExport.batch.getByRole('alert')).toContainText('Tick at least one document');
    await mapExport.batch.getByRole('checkbox', { name: 'Interview guide' }).check();
    await mapExport.batch.getByRole('checkbox', { name: 'Succession plan' }).check();
    const batch = await mapExport.downloadBatch('Word (DOCX)');
    expect(batch.download.suggestedFilename()).toBe('billing-calls-documents-docx.zip');
    const entries = [...readZip(batch.bytes).keys()];
    expect(entries).toContain('customer-care-agent/customer-care-agent-interview-guide.docx');
    expect(entries).toContain('team-leader/team-leader-succession-plan.docx');
    expect(entries.every((e) => /(interview-guide|succession-plan)\.docx$/.test(e))).toBe(true);
    await expect(mapExport.batch.getByRole('status')).toContainText('Downloaded billing-calls-documents-docx.zip');

    const matrix = await mapExport.downloadMapDocument('Coverage matrix', 'Excel (XLSX)');
    expect(matrix.download.suggestedFilename()).toBe('billing-calls-coverage-matrix.xlsx');
    expect(readZip(matrix.bytes).has('xl/workbook.xml')).toBe(true);
    const csv = await mapExport.downloadMapDocument('Coverage matrix', 'CSV');
    expect(csv.download.suggestedFilename()).toBe('billing-calls-coverage-matrix.csv');
    expect(csv.bytes.toString('utf8')).toContain(ROLE);
    await mapExport.root.screenshot({ path: path.join(artifactsDir, 'exports-06-coverage-batch.png') });
  });

  test('interview guide options: length, the pick of competencies, a panel; the plan that fits the role', async ({
    page,
    mapList,
    mapPage,
  }) => {
    test.setTimeout(180_000);
    await setUpMap(page, mapList, mapPage);
    const roles = new RolesPage(page);
    for (const [search, competency] of [
      ['empathy', 'Empathy'],
      ['listening', 'Listening carefully'],
    ] as const) {
      await roles.requireCompetency(TOUCHPOINT, { role: ROLE, search, competency, level: 3, behaviour: '' });
    }
    await page.goto(await roles.profilePath(ROLE));
    const panel = new ExportPanel(page);
    await panel.openTab('HR documents');

    // The 40-seat agent role gets a pipeline plan; the succession plan is offered only for a few seats.
    const succession = panel.root.getByRole('radio', { name: 'Succession plan', exact: true });
    await expect(succession).toBeDisabled();
    await expect(panel.root.getByText(/Not for this role \(40 seats.*use the pipeline plan/)).toBeVisible();
    await expect(panel.root.getByRole('radio', { name: 'Pipeline plan', exact: true })).toBeEnabled();

    await panel.root.getByRole('radio', { name: 'Interview guide', exact: true }).check();
    const interview = panel.root.getByRole('group', { name: 'Interview', exact: true });
    await interview.getByLabel('Length').selectOption({ label: '45 minutes' });
    await expect(interview.getByText(/competencies in 45 minutes/)).toBeVisible();
    const pick = interview.getByRole('group', { name: 'Competencies to interview' });
    await expect(pick.getByRole('checkbox', { name: /Defusing anger/ })).toBeChecked();
    // Untick it: the guide leaves it out and lists it as not covered.
    await pick.getByRole('checkbox', { name: /Defusing anger/ }).uncheck();
    await expect(interview.getByText(/Not covered: .*Defusing anger/)).toBeVisible();
    const md = await panel.downloadDocument('Interview guide', 'Markdown');
    const text = md.bytes.toString('utf8');
    expect(text).toContain('**Length:** 45 minutes');
    expect(text).not.toMatch(/### \\\d\. Defusing anger/);
    expect(text).toMatch(/- \*\*Defusing anger\*\*: not chosen for this interview/);

    // Two interviewers: one guide each, zipped.
    await interview.getByLabel(/Interviewers/).fill('Ana Silva, Ben Okafor');
    await expect(interview.getByText(/2 guides \(zip\)/)).toBeVisible();
    const zip = await panel.downloadDocument('Interview guide', 'Markdown');
    expect(zip.download.suggestedFilename()).toBe('customer-care-agent-interview-guide-panel.zip');
    expect([...readZip(zip.bytes).keys()].sort()).toEqual([
      'customer-care-agent-interview-guide-1-ana-silva.md',
      'customer-care-agent-interview-guide-2-ben-okafor.md',
    ]);

    // Options the server refuses are shown with its reason.
    await interview.getByLabel(/Interviewers/).fill('Ana Silva, ana silva');
    await expect(interview.getByRole('alert')).toContainText('Each interviewer is named once');
    await interview.getByLabel(/Interviewers/).fill('');

    // Paper: the workspace's HR setting until another is chosen; the PDF comes on the paper chosen.
    const settings = (await (await page.request.get('/api/settings/hr')).json()) as {
      settings: { paperSize: 'A4' | 'Letter' };
    };
    const workspace = settings.settings.paperSize;
    const paper = panel.root.getByLabel('Paper', { exact: true });
    await panel.root.getByLabel('Format', { exact: true }).selectOption({ label: 'PDF' });
    await expect(paper.locator('option:checked')).toHaveText(
      `${workspace === 'Letter' ? 'US Letter' : 'A4'} (HR settings)`,
    );
    const other = workspace === 'Letter' ? 'A4' : 'Letter';
    await paper.selectOption(other);
    await snap(page, 'exports-paper');
    const pdf = await panel.downloadDocument('Interview guide', 'PDF');
    // PDFKit writes each page's size as its MediaBox: A4 is 595.28 × 841.89 points, US Letter 612 × 792.
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.bytes.toString('latin1'));
    expect(box?.slice(1, 3)).toEqual(other === 'Letter' ? ['612', '792'] : ['595.28', '841.89']);
    // Only documents on paper have a paper: not the Markdown ones.
    await panel.root.getByLabel('Format', { exact: true }).selectOption({ label: 'Markdown' });
    await panel.root.getByLabel('All documents as').selectOption({ label: 'Markdown' });
    await expect(paper).toBeHidden();
  });

  test('a server error on export is shown with its message; a batch zip shows its documents coming in', async ({
    page,
    mapList,
    mapPage,
  }) => {
    test.setTimeout(180_000);
    const id = await setUpMap(page, mapList, mapPage);
    const roles = new RolesPage(page);
    const profilePath = await roles.profilePath(ROLE);

    // The server refuses a document (here: the role was deleted by someone else meanwhile → 404 JSON).
    await page.route('**/export?kind=review-form*', (route) =>
      route.fulfill({
        status: 404,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'not_found', message: `role "${ROLE}" is not on the map "${MAP}"` } }),
      }),
    );
    await page.goto(profilePath);
    const panel = new ExportPanel(page);
    await panel.root.getByRole('radio', { name: 'Performance review form', exact: true }).check();
    await panel.root.getByRole('button', { name: 'Download performance review form' }).click();
    await expect(panel.error('Export problem')).toHaveText(`Role "${ROLE}" is not on the map "${MAP}"`);

    // A slow zip: the panel says it is being prepared until the server answers.
    await page.goto(`/maps/${id}/coverage`);
    const mapExport = new MapExportPanel(page);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/export.zip*', async (route) => {
      const response = await route.fetch();
      const body = await response.body();
      await gate;
      await route.fulfill({ response, body });
    });
    const waiting = page.waitForEvent('download');
    await mapExport.batch.getByRole('button', { name: 'Download all roles (zip)' }).click();
    await expect(mapExport.batch.getByRole('status')).toContainText(/Preparing documents for \d+ roles \(zip\)/);
    // Meanwhile the server renders every document (the held answer is its whole zip) and the panel
    // shows them coming in: a count and a bar per document, from the batch's progress.
    const documents = mapExport.batch.getByRole('progressbar', { name: /^Documents of documents for \d+ roles/ });
    await expect(documents).toBeVisible();
    const total = Number(await documents.getAttribute('aria-valuemax'));
    expect(total).toBeGreaterThan(3);
    // 36 documents in two niced export workers: on a loaded 2-core machine this takes most of a minute.
    await expect(documents).toHaveAttribute('aria-valuenow', String(total), { timeout: 90_000 });
    await expect(mapExport.batch.getByRole('status')).toContainText(`${total} of ${total} documents ready`);
    await expect(mapExport.batch.getByRole('status')).toContainText(/\.docx/);
    release();
    const download = await waiting;
    expect(download.suggestedFilename()).toBe('billing-calls-documents-docx.zip');
    await expect(mapExport.batch.getByRole('status')).toContainText('Downloaded billing-calls-documents-docx.zip');
    await expect(mapExport.batch.getByRole('status')).toContainText(`${total} documents`);
  });
});
