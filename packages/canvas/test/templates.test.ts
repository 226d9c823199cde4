import { describe, expect, it } from 'vitest';
import { createMapDoc, roleCountsProblem, snapshot, updateMeta, userOrigin } from '@journeycraft/doc';
import { applyTemplate, mapTemplates, templateRecords, type BuiltTemplate } from '@journeycraft/canvas';
import { PersonaSchema, recordKinds, recordSchemas } from '@journeycraft/schema';

const me = userOrigin('me');

function built(id: string): BuiltTemplate {
  const b = templateRecords(id);
  if (!b) throw new Error(`no template ${id}`);
  return b;
}

describe('map templates', () => {
  it('offers at least eight, with the ones facilitators ask for first', () => {
    expect(mapTemplates.length).toBeGreaterThanOrEqual(8);
    const ids = mapTemplates.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'service-blueprint-hotel',
      'b2b-saas-onboarding',
      'employee-journey',
      'patient-journey',
      'ecommerce-returns',
    ])
      expect(ids).toContain(id);
    expect(templateRecords('no-such-template')).toBeNull();
    const meta = snapshot(createMapDoc()).meta;
    expect(applyTemplate(createMapDoc(), 'no-such-template', me, meta)).toBe(false);
  });

  for (const t of mapTemplates) {
    describe(t.name, () => {
      it('builds records that each validate against their schema, with stats that match', () => {
        const { bundle, personas } = built(t.id);
        for (const kind of recordKinds) {
          for (const record of bundle[kind] ?? []) {
            const parsed = recordSchemas[kind].safeParse(record);
            expect(parsed.success, `${t.id} ${kind} ${JSON.stringify(record)}: ${parsed.error?.message}`).toBe(true);
          }
        }
        for (const p of personas) expect(PersonaSchema.safeParse(p).success).toBe(true);
        expect(bundle.stages).toHaveLength(t.stats.stages);
        expect(bundle.lanes).toHaveLength(t.stats.lanes);
        expect(bundle.touchpoints).toHaveLength(t.stats.touchpoints);
        expect(t.stats.stages).toBeGreaterThanOrEqual(5);
        expect(t.stats.stages).toBeLessThanOrEqual(7);
        expect(t.name.trim()).not.toBe('');
        expect(t.summary.trim()).not.toBe('');
      });

      it('has the depth of a real map: emotions per persona, pains, standards, metrics, owners, labelled links', () => {
        const { bundle, personas } = built(t.id);
        const tps = bundle.touchpoints ?? [];
        expect(personas.length).toBeGreaterThanOrEqual(2);
        expect(tps.some((tp) => tp.momentOfTruth)).toBe(true);
        expect(tps.some((tp) => (tp.painPoints ?? []).length > 0)).toBe(true);
        expect(tps.some((tp) => (tp.experienceStandards ?? []).some((s) => s.nonNegotiable))).toBe(true);
        expect(tps.some((tp) => (tp.metrics ?? []).length > 0)).toBe(true);
        expect(tps.some((tp) => tp.demandCapacity)).toBe(true);
        expect(new Set(tps.map((tp) => tp.channel)).size).toBeGreaterThanOrEqual(3);
        for (const p of personas) {
          expect(
            tps.some((tp) => tp.personaEmotions && p.id in tp.personaEmotions),
            `${t.id}: ${p.name}`,
          ).toBe(true);
        }
        const connections = bundle.connections ?? [];
        expect(connections.length).toBeGreaterThan(5);
        expect(connections.some((c) => c.kind === 'branch' && c.label)).toBe(true);
        // every stage holds a card
        for (const s of bundle.stages ?? [])
          expect(
            tps.some((tp) => tp.stageId === s.id),
            `${t.id}: ${s.title}`,
          ).toBe(true);
      });

      it('refers only to records and personas it has, and keeps people in post within the headcount', () => {
        const { bundle, personas } = built(t.id);
        const ids = (kind: keyof typeof bundle) => new Set((bundle[kind] ?? []).map((r) => r.id));
        const stages = ids('stages');
        const lanes = ids('lanes');
        const roles = ids('roles');
        const tps = ids('touchpoints');
        const personaIds = new Set(personas.map((p) => p.id));
        for (const tp of bundle.touchpoints ?? []) {
          expect(stages.has(tp.stageId)).toBe(true);
          expect(lanes.has(tp.laneId)).toBe(true);
          if (tp.ownerRoleId) expect(roles.has(tp.ownerRoleId), `${t.id}: owner ${tp.ownerRoleId}`).toBe(true);
          for (const k of Object.keys(tp.personaEmotions ?? {})) expect(personaIds.has(k)).toBe(true);
        }
        for (const c of bundle.connections ?? []) {
          expect(tps.has(c.fromId), `${t.id}: from ${c.fromId}`).toBe(true);
          expect(tps.has(c.toId ?? ''), `${t.id}: to ${c.toId}`).toBe(true);
          expect(c.fromId).not.toBe(c.toId);
        }
        const pairs = (bundle.connections ?? []).map((c) => `${c.fromId}>${c.toId}`);
        expect(new Set(pairs).size).toBe(pairs.length);
        for (const a of bundle.assignments ?? []) {
          expect(tps.has(a.touchpointId)).toBe(true);
          expect(roles.has(a.roleId)).toBe(true);
        }
        const assigned = (bundle.assignments ?? []).map((a) => `${a.touchpointId}>${a.roleId}`);
        expect(new Set(assigned).size).toBe(assigned.length);
        for (const r of bundle.roles ?? []) {
          expect(roleCountsProblem({ headcount: r.headcount ?? 1, incumbents: r.incumbents ?? 0 })).toBeNull();
          expect(r.readySuccessors ?? 0).toBeLessThanOrEqual(r.headcount ?? 1);
          const takesPart = (bundle.assignments ?? []).some((a) => a.roleId === r.id);
          expect(takesPart, `${t.id}: ${r.name} takes part in nothing`).toBe(true);
        }
      });

      it('applies to a map twice with fresh ids each time, nothing dropped', () => {
        const doc = createMapDoc();
        updateMeta(doc, { title: 'x' }, me);
        expect(applyTemplate(doc, t.id, me, snapshot(doc).meta)).toBe(true);
        const once = snapshot(doc, (bad) => {
          throw new Error(`${t.id}: invalid ${bad.kind} ${JSON.stringify(bad.issues)}`);
        });
        const { bundle, personas } = built(t.id);
        expect(once.connections).toHaveLength(bundle.connections?.length ?? 0);
        expect(once.assignments).toHaveLength(bundle.assignments?.length ?? 0);
        expect(once.touchpoints.filter((tp) => tp.ownerRoleId)).toHaveLength(
          (bundle.touchpoints ?? []).filter((tp) => tp.ownerRoleId).length,
        );
        expect(once.meta.personas).toHaveLength(personas.length);
        expect(applyTemplate(doc, t.id, me, once.meta)).toBe(true);
        const twice = snapshot(doc);
        expect(twice.touchpoints).toHaveLength(2 * t.stats.touchpoints);
        expect(twice.stages).toHaveLength(2 * t.stats.stages);
        expect(twice.connections).toHaveLength(2 * once.connections.length);
        expect(twice.meta.personas).toHaveLength(2 * personas.length);
        for (const kind of ['stages', 'lanes', 'touchpoints', 'roles', 'connections', 'assignments'] as const) {
          const all = twice[kind].map((r) => r.id);
          expect(new Set(all).size, kind).toBe(all.length);
        }
        const personaIds = twice.meta.personas.map((p) => p.id);
        expect(new Set(personaIds).size).toBe(personaIds.length);
        // the second copy's cards feel for the second copy's personas
        const secondPersonas = new Set(twice.meta.personas.slice(personas.length).map((p) => p.id));
        const onceIds = new Set(once.touchpoints.map((tp) => tp.id));
        const secondCards = twice.touchpoints.filter((tp) => !onceIds.has(tp.id));
        for (const tp of secondCards)
          for (const k of Object.keys(tp.personaEmotions)) expect(secondPersonas.has(k)).toBe(true);
      });
    });
  }
});
