import { describe, expect, it } from 'vitest';
import { RoleSchema, hrFactsOf } from '@journeycraft/schema';
import { draftOf, emptyPlace, patchOf, problemsOf } from '../src/roles/hrDraft';

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
      places: [{ ...draftOf(role).places[0]!, country: '' }],
      postingOpenedOn: '2026-03-10',
      postingClosesOn: '2026-03-01',
    };
    const { patch, problems } = patchOf(draft, role.id);
    expect(patch).toBeNull();
    expect(problems.salaryMin).toMatch(/number/);
    expect(problems['places.0.country']).toMatch(/two-letter code/);
    const second = patchOf({ ...draftOf(role), currency: 'pounds' }, role.id).problems;
    expect(second.currency).toMatch(/ISO 4217/);
    const dates = patchOf({ ...draftOf(role), postingOpenedOn: '2026-03-10', postingClosesOn: '2026-03-01' }, role.id);
    expect(dates.problems.postingClosesOn).toMatch(/must be after the opening date/);
    const remote = patchOf(
      {
        ...draftOf(role),
        workArrangement: 'remote',
        places: [emptyPlace()],
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
      'places.0.country': 'Must be a two-letter code.',
      educationPreferred: 'At most 300 characters.',
    });
  });

  it('edits every workplace of a role: none is dropped on save, each problem names its row', () => {
    const role = RoleSchema.parse({
      ...agent(),
      locations: [
        { locality: 'Leeds', country: 'GB' },
        { streetAddress: '1 Dock Road', locality: 'Cork', postalCode: 'T12', country: 'IE' },
      ],
    });
    const draft = draftOf(role);
    expect(draft.places.map((p) => p.locality)).toEqual(['Leeds', 'Cork']);
    // Saving an unrelated edit keeps both workplaces.
    const kept = patchOf({ ...draft, grade: 'B4' }, role.id);
    expect(kept.patch?.locations).toEqual(hrFactsOf(role).locations);
    // An edit of the second workplace lands on the second workplace.
    const moved = patchOf(
      { ...draft, places: [draft.places[0]!, { ...draft.places[1]!, locality: 'Limerick' }] },
      role.id,
    );
    expect(moved.patch?.locations?.map((l) => l.locality)).toEqual(['Leeds', 'Limerick']);
    // A third row, a row left empty between them, and a problem on the last one: named by its row.
    const third = patchOf(
      { ...draft, places: [draft.places[0]!, emptyPlace(), { ...emptyPlace(), locality: 'Derry', country: 'gbr' }] },
      role.id,
    );
    expect(third.patch).toBeNull();
    expect(Object.keys(third.problems)).toEqual(['places.2.country']);
    const added = patchOf(
      { ...draft, places: [...draft.places, { ...emptyPlace(), locality: 'Derry', country: 'gb' }] },
      role.id,
    );
    expect(added.patch?.locations?.map((l) => `${l.locality} ${l.country}`)).toEqual([
      'Leeds GB',
      'Cork IE',
      'Derry GB',
    ]);
    // A role without a workplace gets one empty row, and saving it writes none.
    const none = RoleSchema.parse({ ...agent(), locations: [] });
    expect(draftOf(none).places).toEqual([emptyPlace()]);
    expect(patchOf(draftOf(none), none.id).patch?.locations).toEqual([]);
  });
});
