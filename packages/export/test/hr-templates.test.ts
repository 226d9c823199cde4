import { describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { HR_FACT_KEYS } from '@journeycraft/schema';
import { TemplateError, fillTemplate, sampleHrSettings, sampleSupportMap, topLevelFieldNames } from '../src/index.js';

const now = new Date('2026-03-02T09:00:00Z');
const settings = sampleHrSettings();

async function wordTemplate(lines: string[]): Promise<Uint8Array> {
  const doc = new Document({
    sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

function documentText(docx: Uint8Array): string {
  return strFromU8(unzipSync(docx)['word/document.xml']!)
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');
}

async function refusal(p: Promise<unknown>): Promise<TemplateError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(TemplateError);
    return err as TemplateError;
  }
  throw new Error('expected the template to be refused');
}

/** The template field of each HR fact (several facts are told in one field, e.g. the pay range). */
const FIELD_OF: Record<string, string[]> = {
  salary: ['role.salary', 'role.salaryCurrency', 'role.salaryMin', 'role.salaryMax', 'role.salaryPeriod'],
  exemptStatus: ['role.exemptStatus'],
  exemptNote: ['role.exemptStatus'],
  employmentType: ['role.employmentType', 'role.employmentTypes'],
  reportsToRoleId: ['role.reportsTo'],
  reportsToText: ['role.reportsTo'],
  locations: ['role.location', 'role.locations'],
  education: ['role.education.required', 'role.education.preferred'],
  experience: ['role.experience.required', 'role.experience.preferred'],
  certifications: ['role.certifications.required', 'role.certifications.preferred'],
};

/** A company's own job description template, in its own words and field names. */
const COMPANY = [
  'JOB DESCRIPTION — {role.name} ({role.jobCode})',
  'Grade: {role.grade} · Pay: {role.salary} · {role.exemptStatus}',
  'Reports to: {role.reportsTo} · Location: {role.location} · Hours: {role.schedule}',
  'Contract: {role.employmentType} · Travel: {role.travel}',
  'Essential: {#role.education.required}{.}; {/role.education.required}',
  'Desirable: {#role.experience.preferred}{.}; {/role.experience.preferred}',
  'Workplaces: {#role.locations}{address}{/role.locations}',
  'Physical demands: {role.physicalDemands}',
  'Employer: {employer.name} ({employer.website}) · {employer.equalOpportunity}',
  'Cost centre: {costCentre} · Hiring manager: {hiringManager}',
  'Approved by {role.approvedBy} on {role.approvedOn}',
];

describe('custom templates and HR facts', () => {
  it('every HR fact of a role is a template field', () => {
    const names = new Set(topLevelFieldNames());
    for (const key of HR_FACT_KEYS) {
      for (const field of FIELD_OF[key] ?? [`role.${key}`]) expect(names.has(field), `${key} → {${field}}`).toBe(true);
    }
    for (const field of ['employer.name', 'employer.benefits', 'employer.applyUrl', 'employer.disclaimer'])
      expect(names.has(field), field).toBe(true);
  });

  it('an unknown field is refused by name, with the nearest field and the list of known ones', async () => {
    const err = await refusal(
      fillTemplate(sampleSupportMap(), 'r-agent', await wordTemplate(['Grade: {role.grdae}']), { now, settings }),
    );
    expect(err.message).toContain('unknown field "{role.grdae}" (did you mean role.grade?)');
    expect(err.message).toMatch(
      /the fields are: generatedOn, organization, map\.title, .*role\.reportsTo, .*employer\.name/,
    );
    expect(err.message).toMatch(/fill unknown fields blank/);
    expect(err.issues![0]).toMatchObject({ path: '{role.grdae}' });
  });

  it('a real company template is filled with the HR facts; its own fields are refused, or filled blank on request', async () => {
    const template = await wordTemplate(COMPANY);
    const err = await refusal(fillTemplate(sampleSupportMap(), 'r-agent', template, { now, settings }));
    expect(err.message).toContain('unknown field "{costCentre}"');
    expect(err.message).toContain('{hiringManager}');

    const out = await fillTemplate(sampleSupportMap(), 'r-agent', template, { now, settings, unknownFields: 'blank' });
    expect(out.blankFields.sort()).toEqual(['costCentre', 'hiringManager']);
    const text = documentText(out.bytes);
    expect(text).toContain('JOB DESCRIPTION — Contact centre agent (CC-104)');
    expect(text).toContain('Grade: B3 · Pay: £24,000 to £27,500 a year · Non-exempt: eligible for overtime pay');
    expect(text).toContain(
      'Reports to: Team lead · Location: Hybrid: partly at Leeds, United Kingdom, partly from home',
    );
    expect(text).toContain('Contract: Full-time, Part-time · Travel: None');
    expect(text).toContain('Essential: GCSE English and Maths at grade 4 or above, or equivalent;');
    expect(text).toContain('Desirable: A year in a customer-facing job, in a contact centre or in a shop;');
    expect(text).toContain('Workplaces: 12 Wharf Street, Leeds LS2 7EQ, West Yorkshire, United Kingdom');
    expect(text).toContain('Employer: Northwind Energy Ltd (https://northwind-energy.example)');
    expect(text).toContain('Cost centre:  · Hiring manager: ');
    expect(text).toContain('Approved by Head of Customer Care on 20 February 2026');
    expect(text).not.toContain('{');
  });

  it('text (Liquid) templates: unknown variables refused with the list, or blank and reported', async () => {
    const liquid = strToU8('{{ role.name }} / {{ role.grade }} / {{ budget.code }} / {{ employer.name }}');
    const err = await refusal(fillTemplate(sampleSupportMap(), 'r-agent', liquid, { now, settings }));
    expect(err.message).toMatch(/undefined variable: budget.*unknown field "budget"/);
    expect(err.message).toMatch(/the fields are: .*role\.grade/);
    const out = await fillTemplate(sampleSupportMap(), 'r-agent', liquid, { now, settings, unknownFields: 'blank' });
    expect(new TextDecoder().decode(out.bytes)).toBe('Contact centre agent / B3 /  / Northwind Energy Ltd');
    expect(out.blankFields).toEqual(['budget.code']);
    const clean = await fillTemplate(sampleSupportMap(), 'r-agent', strToU8('{{ role.travel }}'), {
      now,
      settings,
      unknownFields: 'blank',
    });
    expect(clean.blankFields).toEqual([]);
  });
});
