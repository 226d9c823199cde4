import { useEffect, useId, useState } from 'react';
import { messageOf } from '../client';
import { getInterviewPlan, type InterviewPlanInfo, type InterviewQuery } from './api';
import { ErrorNotice } from './ui';
import { Button, Check, Field, Input, Select } from '@journeycraft/ui';

/** What the user set for the interview: length, interviewer names, and their pick (null: the guide picks). */
export interface InterviewChoice {
  length: string;
  interviewers: string;
  pick: string[] | null;
}

export const DEFAULT_INTERVIEW: InterviewChoice = { length: '60', interviewers: '', pick: null };

/** The export query of a choice (only what differs from the server's defaults). */
export function interviewQuery(choice: InterviewChoice): InterviewQuery {
  const names = choice.interviewers
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  return {
    length: choice.length,
    ...(names.length ? { interviewers: names.join(',') } : {}),
    ...(choice.pick ? { competencies: choice.pick.join(',') } : {}),
  };
}

/** Ticks or unticks a competency in the pick, starting from the plan's own pick. */
export function togglePick(current: readonly string[], id: string, on: boolean): string[] {
  return on ? (current.includes(id) ? [...current] : [...current, id]) : current.filter((x) => x !== id);
}

type PlanState =
  { status: 'loading' } | { status: 'ready'; plan: InterviewPlanInfo } | { status: 'failed'; message: string };

/**
 * Interview guide and scorecard options: the length of the sitting, the interviewers (one guide
 * each), and which competencies to interview; shows the server's plan (time per competency, who
 * asks, what is not covered) and its refusals.
 */
export function InterviewOptions({
  mapId,
  roleId,
  choice,
  onChange,
}: {
  mapId: string;
  roleId: string;
  choice: InterviewChoice;
  onChange: (c: InterviewChoice) => void;
}) {
  const id = useId();
  const [state, setState] = useState<PlanState>({ status: 'loading' });
  // The last plan the server accepted: its list stays usable while a refused choice is corrected.
  const [lastPlan, setLastPlan] = useState<InterviewPlanInfo | null>(null);
  const query = interviewQuery(choice);
  const key = JSON.stringify(query);

  useEffect(() => {
    let live = true;
    // Typing names asks the server once the typing pauses.
    const timer = setTimeout(() => {
      getInterviewPlan(mapId, roleId, JSON.parse(key) as InterviewQuery).then(
        (plan) => {
          if (!live) return;
          setState({ status: 'ready', plan });
          setLastPlan(plan);
        },
        (err: unknown) => live && setState({ status: 'failed', message: messageOf(err) }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [mapId, roleId, key]);

  const plan = state.status === 'ready' ? state.plan : lastPlan;
  const picked = choice.pick ?? plan?.competencies.map((c) => c.id) ?? [];
  const max = plan?.limits.maxCompetencies ?? 6;
  const lengths = plan?.limits.lengths ?? [45, 60, 90];

  return (
    <fieldset className="export-interview" aria-describedby={`${id}-summary`}>
      <legend className="export-label">Interview</legend>
      <div className="export-row">
        <Field label="Length" compact>
          <Select
            options={lengths.map((m) => ({ value: String(m), label: `${m} minutes` }))}
            onValue={(v) => onChange({ ...choice, length: v })}
            id={`${id}-length`}
            value={choice.length}
          />
        </Field>
        <Field label="Interviewers (optional, comma-separated: one guide each)" compact className="grow">
          <Input
            id={`${id}-panel`}
            maxLength={400}
            placeholder="e.g. Ana Silva, Ben Okafor"
            value={choice.interviewers}
            onChange={(e) => onChange({ ...choice, interviewers: e.target.value })}
          />
        </Field>
      </div>
      {plan ? (
        <div className="interview-pick" role="group" aria-label="Competencies to interview">
          <p className="export-hint">
            {choice.pick
              ? `Your pick (at most ${max}).`
              : `The guide picked the ${plan.competencies.length} that matter most; tick or untick to change it.`}
          </p>
          <ul className="interview-pick-list">
            {plan.candidates.map((c) => {
              const on = picked.includes(c.id);
              const planned = plan.competencies.find((p) => p.id === c.id);
              return (
                <li key={c.id}>
                  <Check
                    label={
                      <>
                        {c.name}
                        <span className="muted">
                          {' '}
                          · level {c.level}
                          {planned
                            ? ` · ${planned.minutes} min · ${planned.weight}%${plan.interviewers.length > 1 ? ` · ${plan.interviewers[planned.member - 1]}` : ''}`
                            : ''}
                        </span>
                      </>
                    }
                    checked={on}
                    disabled={!on && picked.length >= max}
                    onChange={(e) => onChange({ ...choice, pick: togglePick(picked, c.id, e.target.checked) })}
                  />
                </li>
              );
            })}
          </ul>
          {choice.pick ? (
            <Button variant="ghost" onClick={() => onChange({ ...choice, pick: null })}>
              Let the guide pick
            </Button>
          ) : null}
        </div>
      ) : null}
      <p id={`${id}-summary`} className="export-hint" aria-live="polite">
        {state.status === 'loading'
          ? 'Planning the interview…'
          : state.status === 'ready'
            ? `${state.plan.competencies.length} ${state.plan.competencies.length === 1 ? 'competency' : 'competencies'} in ${state.plan.minutes} minutes${state.plan.interviewers.length > 1 ? `, ${state.plan.interviewers.length} guides (zip)` : ''}. Not covered: ${state.plan.notCovered.map((n) => n.name).join(', ') || 'none'}.`
            : ''}
      </p>
      {state.status === 'failed' ? (
        <ErrorNotice message={state.message} issues={[]} label="Interview plan problem" />
      ) : null}
    </fieldset>
  );
}
