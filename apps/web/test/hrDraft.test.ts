import { describe, expect, it } from 'vitest';
import { RoleSchema, hrFactsOf } from '@journeycraft/schema';
import { draftOf, patchOf, problemsOf } from '../src/roles/hrDraft';

const agent = () =>
  RoleSchema.parse({
    id: 'r-agent',
    name: 'Contact centre agent',
    jobCode: 'CC-104',
    grade: 'B3',
    salary: { currency: 'GBP', min: 24000, max: 27500, period: 'YEAR' },
    exemptStatus: 'non_exempt',
    employmentType: ['FULL_TIME', 'PART_TIME'],
    reportsToText: 'Head of care',
    workArrangement: 'hybrid',
    locations: [{ streetAddress: '12 Wharf Street', locality: 'Leeds', postalCode: 'LS2 7EQ', country: 'GB' }],
    schedule: '37.5 hours a week',
    education: { required: ['GCSE English and Maths'], preferred: [] },
    experience: { required: [], preferred: ['A year in a customer-facing job', 'Some sales'] },
    physicalDemands: 'Headset most of the shift',
    postingOpenedOn: '2026-03-01',
    postingClosesOn: '2026-03-31',
  });

describe('HR facts form (framework-free)', () => {
  it('a role read into the form and written back gives the same facts', () => {
    const role = agent();
    const { patch, problems } = patchOf(draftOf(role), role.id);
    expect(problems).toEqual({});
    expect(hrFactsOf({ ...role, ...patch })).toEqual(hrFactsOf(role));
  });

  it('names the field of each problem, and writes nothing while there is one', () => {
    const role = agent();
    const draft = {
      ...draftOf(role),
      currency: 'pounds',
      salaryMin: 'lots',
      country: '',
      postingOpenedOn: '2026-03-10',
      postingClosesOn: '2026-03-01',
    };
    const { patch, problems } = patchOf(draft, role.id);
    expect(patch).toBeNull();
    expect(problems.salaryMin).toMatch(/number/);
    expect(problems.country).toMatch(/two-letter code/);
    const second = patchOf({ ...draftOf(role), currency: 'pounds' }, role.id).problems;
    expect(second.currency).toMatch(/ISO 4217/);
    const dates = patchOf({ ...draftOf(role), postingOpenedOn: '2026-03-10', postingClosesOn: '2026-03-01' }, role.id);
    expect(dates.problems.postingClosesOn).toMatch(/must be after the opening date/);
    const remote = patchOf(
      {
        ...draftOf(role),
        workArrangement: 'remote',
        street: '',
        locality: '',
        region: '',
        postalCode: '',
        country: '',
      },
      role.id,
    );
    expect(remote.problems.applicantCountries).toMatch(/applicants may live/);
    const ok = patchOf({ ...draftOf(role), workArrangement: 'remote', applicantCountries: 'gb, ie:Munster' }, role.id);
    expect(ok.patch?.applicantLocations).toEqual([
      { country: 'GB', region: '' },
      { country: 'IE', region: 'Munster' },
    ]);
  });

  it('server issues land on their field', () => {
    expect(
      problemsOf([
        { path: 'reportsToRoleId', message: 'Billing specialist already reports to Team lead' },
        { path: 'locations.0.country', message: 'must be a two-letter code' },
        { path: 'education.preferred.2', message: 'at most 300 characters' },
      ]),
    ).toEqual({
      reportsToRoleId: 'Billing specialist already reports to Team lead.',
      country: 'Must be a two-letter code.',
      educationPreferred: 'At most 300 characters.',
    });
  });
});
