import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { MapStore } from '@journeycraft/doc';
import { useMeta, useRecords, type Presence } from '@journeycraft/doc-react';
import {
  formatCountdown,
  pauseTimer,
  resumeTimer,
  startTimer,
  timerEnd,
  timerPhase,
  timerRemaining,
} from '@journeycraft/canvas';
import { roleAtLeast } from '@journeycraft/schema';
import {
  Button,
  Check,
  DialogActions,
  ErrorLine,
  Field,
  Input,
  Select,
  TextArea,
  useRunWithError,
} from '@journeycraft/ui';
import { downloadSummary, endVoteRound, openVoteRound, postNote } from './api';
import { Popover } from './Popover';
import { roleInfo } from './roles';
import type { Workshop } from './useWorkshop';

/** Re-renders every `ms` while `on`, and returns the time. */
function useNow(on: boolean, ms = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [on, ms]);
  return now;
}

/**
 * The workshop strip above the canvas: the role, the countdown everyone sees, the voting round,
 * follow me, and (for facilitators) the tools that run the session.
 */
export function SessionBar({
  workshop,
  store,
  mapId,
  title,
  people,
  onHistory,
  onNotes,
  noteCount,
}: {
  workshop: Workshop;
  store: MapStore;
  mapId: string;
  title: string;
  people: readonly Presence[];
  onHistory: () => void;
  onNotes: () => void;
  noteCount: number;
}) {
  const { session, isFacilitator, role } = workshop;
  const meta = useMeta(store);
  const leader = people.find((p) => p.clientId === session.followClientId);
  return (
    <div className="session-bar" role="region" aria-label="Workshop session">
      <div className="session-left">
        <span className={`role-badge role-${role}`} data-testid="my-role" title={roleInfo[role].can}>
          {roleInfo[role].label}
        </span>
        {meta?.locked ? (
          <span className="session-chip session-chip-lock" data-testid="map-locked">
            Map locked
          </span>
        ) : null}
        <TimerView workshop={workshop} />
        <VotingStatus workshop={workshop} store={store} />
        {workshop.following ? (
          <span className="session-chip session-chip-follow" role="status" data-testid="following">
            Following {leader?.name ?? 'the facilitator'}
            <Button variant="plain" className="link-btn" onClick={() => workshop.setFollowing(false)}>
              Stop following
            </Button>
          </span>
        ) : session.followClientId !== null && !workshop.leading ? (
          <Button variant="ghost" size="sm" onClick={() => workshop.setFollowing(true)}>
            Follow {leader?.name ?? 'the facilitator'} again
          </Button>
        ) : null}
      </div>
      <div className="session-right">
        {roleAtLeast(role, 'commenter') ? <AddNote mapId={mapId} store={store} /> : null}
        <Button variant="ghost" size="sm" onClick={onNotes}>
          Notes{noteCount ? ` (${noteCount})` : ''}
        </Button>
        <Button variant="ghost" size="sm" onClick={onHistory}>
          History
        </Button>
        {isFacilitator ? <FacilitatorTools workshop={workshop} store={store} mapId={mapId} title={title} /> : null}
      </div>
      {workshop.error ? (
        <p className="session-error notice notice-error" role="alert">
          {workshop.error}
          <Button variant="plain" className="link-btn" onClick={workshop.clearError}>
            Dismiss
          </Button>
        </p>
      ) : null}
    </div>
  );
}

function TimerView({ workshop }: { workshop: Workshop }) {
  const timer = workshop.session.timer;
  const running = Boolean(timer && timer.pausedRemainingMs === null);
  const now = useNow(running && timerPhase(timer!, Date.now()) !== 'ended');
  if (!timer) return null;
  const phase = timerPhase(timer, now);
  if (phase === 'ended') {
    // Someone who comes later reads when the timer ran out, not an alarm that went off for others.
    return (
      <span className="session-timer is-ended" data-testid="session-timer">
        Timer ended at {new Date(timerEnd(timer)).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
      </span>
    );
  }
  const left = timerRemaining(timer, now);
  return (
    <span className={`session-timer is-${phase}`} role="timer" aria-label="Session timer" data-testid="session-timer">
      <span className="session-timer-dot" aria-hidden="true" />
      <span className="session-timer-time">{formatCountdown(left)}</span>
      <span className="session-timer-state">{phase === 'up' ? 'Time is up' : phase === 'paused' ? 'Paused' : ''}</span>
    </span>
  );
}

function VotingStatus({ workshop, store }: { workshop: Workshop; store: MapStore }) {
  const voting = workshop.session.voting;
  const round = workshop.round;
  if (!voting) return null;
  if (voting.status === 'open') {
    return (
      <span className="session-chip session-chip-vote" data-testid="voting-status">
        <span className="session-vote-dot" aria-hidden="true" />
        Dot voting: {voting.title}
        {canVote(workshop) && round?.canVote ? (
          <strong data-testid="votes-left">
            {round.remaining} of {voting.votesPerPerson} dots left
          </strong>
        ) : null}
        {canVote(workshop) && round && !round.canVote ? (
          <span className="session-muted" data-testid="votes-need-session">
            Dots are counted per person: open an invitation link to vote
          </span>
        ) : null}
        <span className="session-muted">Results stay hidden until the facilitator reveals them</span>
      </span>
    );
  }
  return (
    <Popover
      label="Voting results"
      button={
        <>
          <span className="session-vote-dot" aria-hidden="true" /> Results: {voting.title}
        </>
      }
      buttonClassName="btn btn-sm session-chip session-chip-vote"
    >
      {() => <Results workshop={workshop} store={store} />}
    </Popover>
  );
}

function canVote(workshop: Workshop): boolean {
  return roleAtLeast(workshop.role, 'commenter');
}

function Results({ workshop, store }: { workshop: Workshop; store: MapStore }) {
  const touchpoints = useRecords(store, 'touchpoints');
  const results = workshop.results;
  if (!results) return null;
  const rows = touchpoints
    .map((t) => ({ t, votes: results.get(t.id) ?? 0 }))
    .filter((r) => r.votes > 0)
    .sort((a, b) => b.votes - a.votes || a.t.title.localeCompare(b.t.title));
  return (
    <div className="results" data-testid="vote-results">
      <h3 className="popover-title">{workshop.session.voting?.title}</h3>
      {rows.length ? (
        <ol className="results-list">
          {rows.map(({ t, votes }) => (
            <li key={t.id}>
              <span>{t.title}</span>
              <strong>
                {votes} {votes === 1 ? 'dot' : 'dots'}
              </strong>
            </li>
          ))}
        </ol>
      ) : (
        <p className="session-muted">Nobody placed a dot in this round.</p>
      )}
    </div>
  );
}

function AddNote({ mapId, store }: { mapId: string; store: MapStore }) {
  const stages = useRecords(store, 'stages');
  const [text, setText] = useState('');
  const [stageId, setStageId] = useState('');
  // Naming oneself is the default; anonymity is a deliberate choice.
  const [anonymous, setAnonymous] = useState(false);
  const { error, busy, run } = useRunWithError();
  const [sent, setSent] = useState(false);
  return (
    <Popover label="Add a note" button="Add note" buttonClassName="btn btn-secondary btn-sm" align="right">
      {(close) => {
        const submit = async (e: FormEvent) => {
          e.preventDefault();
          const clean = text.trim();
          const ok = await run(() => {
            if (!clean) throw new Error('Write something first: the note is empty.');
            if (clean.length > 2000) throw new Error('Keep the note to 2,000 characters or fewer.');
            return postNote(mapId, { text: clean, stageId: stageId || null, anonymous });
          });
          if (ok) {
            setText('');
            setSent(true);
            setTimeout(() => setSent(false), 2500);
            close();
          }
        };
        return (
          <form className="popover-form" onSubmit={submit} noValidate>
            <Field label="Your note">
              <TextArea
                id="note-text"
                rows={4}
                value={text}
                autoFocus
                onChange={(e) => setText(e.target.value)}
                placeholder="A pain point, an idea, a question…"
              />
            </Field>
            <Field label="Stage">
              <Select
                options={stages.map((s) => ({ value: s.id, label: s.title }))}
                placeholder="The whole journey"
                onValue={(v) => setStageId(v)}
                id="note-stage"
                value={stageId}
              />
            </Field>
            <Check
              label="Post anonymously (the server does not store who wrote it)"
              checked={anonymous}
              onChange={(e) => setAnonymous(e.target.checked)}
            />
            <ErrorLine message={error} />
            <DialogActions className="popover-actions">
              <Button variant="primary" size="sm" type="submit" busy={busy}>
                Post note
              </Button>
            </DialogActions>
            {sent ? <p role="status">Note posted.</p> : null}
          </form>
        );
      }}
    </Popover>
  );
}

function Tool({ children }: { children: ReactNode }) {
  return <div className="facilitator-tools">{children}</div>;
}

function FacilitatorTools({
  workshop,
  store,
  mapId,
  title,
}: {
  workshop: Workshop;
  store: MapStore;
  mapId: string;
  title: string;
}) {
  const meta = useMeta(store);
  const stages = useRecords(store, 'stages');
  const { session } = workshop;
  return (
    <Tool>
      <span className="facilitator-label">Facilitate</span>
      <TimerControls workshop={workshop} />
      <VotingControls workshop={workshop} mapId={mapId} />
      <Button
        size="sm"
        variant={workshop.leading ? 'primary' : 'ghost'}
        aria-pressed={workshop.leading}
        onClick={() => workshop.setSession({ followClientId: workshop.leading ? null : workshop.clientId })}
      >
        {workshop.leading ? 'Stop follow me' : 'Follow me'}
      </Button>
      <Button variant="ghost" size="sm" onClick={workshop.summon}>
        Bring everyone here
      </Button>
      {workshop.presentation.step ? null : (
        <Button variant="ghost" size="sm" onClick={workshop.presentation.start}>
          Present
        </Button>
      )}
      <Select
        size="sm"
        className="input-auto"
        options={stages.map((s) => ({ value: s.id, label: `Spotlight: ${s.title}` }))}
        placeholder="No spotlight"
        onValue={(v) => workshop.setSession({ spotlightStageId: v || null })}
        aria-label="Spotlight a stage"
        value={session.spotlightStageId ?? ''}
      />
      <Button
        size="sm"
        variant={meta?.locked ? 'primary' : 'ghost'}
        aria-pressed={Boolean(meta?.locked)}
        onClick={() => workshop.setMapLocked(!meta?.locked)}
      >
        {meta?.locked ? 'Unlock map' : 'Lock map'}
      </Button>
      <SummaryMenu mapId={mapId} title={title} />
    </Tool>
  );
}

function TimerControls({ workshop }: { workshop: Workshop }) {
  const timer = workshop.session.timer;
  const [minutes, setMinutes] = useState('5');
  const [error, setError] = useState<string | null>(null);
  return (
    <Popover label="Session timer" button="Timer">
      {(close) => (
        <div className="popover-form">
          {!timer ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                const n = Number(minutes.replace(',', '.'));
                try {
                  workshop.setSession({ timer: startTimer(n, Date.now()) });
                  setError(null);
                  close();
                } catch {
                  setError('Enter a number of minutes between 0.1 and 600.');
                }
              }}
              noValidate
            >
              <Field label="Minutes">
                <Input
                  id="timer-minutes"
                  inputMode="decimal"
                  value={minutes}
                  autoFocus
                  onChange={(e) => setMinutes(e.target.value)}
                  aria-invalid={error ? true : undefined}
                />
              </Field>
              <ErrorLine message={error} />
              <DialogActions className="popover-actions">
                <Button variant="primary" size="sm" type="submit">
                  Start timer
                </Button>
              </DialogActions>
            </form>
          ) : (
            <DialogActions className="popover-actions">
              {timer.pausedRemainingMs === null ? (
                <Button size="sm" onClick={() => workshop.setSession({ timer: pauseTimer(timer, Date.now()) })}>
                  Pause
                </Button>
              ) : (
                <Button
                  variant="primary"
                  size="sm"
                  onClick={() => workshop.setSession({ timer: resumeTimer(timer, Date.now()) })}
                >
                  Resume
                </Button>
              )}
              <Button
                variant="ghost"
                size="sm"
                onClick={() => {
                  workshop.setSession({ timer: null });
                  close();
                }}
              >
                Reset
              </Button>
            </DialogActions>
          )}
        </div>
      )}
    </Popover>
  );
}

function VotingControls({ workshop, mapId }: { workshop: Workshop; mapId: string }) {
  const voting = workshop.session.voting;
  const [title, setTitle] = useState('Worst pain points');
  const [perPerson, setPerPerson] = useState('3');
  const [anonymous, setAnonymous] = useState(true);
  const { error, busy, run } = useRunWithError();
  return (
    <Popover label="Dot voting" button="Voting">
      {(close) =>
        !voting || voting.status === 'closed' ? (
          <form
            className="popover-form"
            noValidate
            onSubmit={async (e) => {
              e.preventDefault();
              const n = Number(perPerson);
              const ok = await run(() => {
                if (!title.trim()) throw new Error('Give the round a title, e.g. “Worst pain points”.');
                if (!Number.isInteger(n) || n < 1 || n > 20) throw new Error('Votes per person: a whole number 1–20.');
                return openVoteRound(mapId, { title: title.trim(), votesPerPerson: n, anonymous });
              });
              if (ok) close();
            }}
          >
            <Field label="Question">
              <Input id="vote-title" value={title} onChange={(e) => setTitle(e.target.value)} />
            </Field>
            <Field label="Dots per person">
              <Input
                id="vote-count"
                inputMode="numeric"
                value={perPerson}
                onChange={(e) => setPerPerson(e.target.value)}
              />
            </Field>
            <Check
              label="Anonymous (results show counts, never names)"
              checked={anonymous}
              onChange={(e) => setAnonymous(e.target.checked)}
            />
            <ErrorLine message={error} />
            <DialogActions className="popover-actions">
              <Button variant="primary" size="sm" type="submit" busy={busy}>
                Open voting round
              </Button>
            </DialogActions>
          </form>
        ) : (
          <div className="popover-form">
            <h3 className="popover-title">{voting.title}</h3>
            <p className="session-muted">
              {voting.status === 'open'
                ? `${workshop.round?.ballotsCast ?? 0} dots placed so far. Nobody sees where until you reveal.`
                : 'Results are on the cards for everyone.'}
            </p>
            <ErrorLine message={error} />
            <DialogActions className="popover-actions">
              {voting.status === 'open' ? (
                <Button
                  variant="primary"
                  size="sm"
                  disabled={busy}
                  onClick={() => void run(() => endVoteRound(mapId, voting.roundId, 'reveal'))}
                >
                  Reveal results
                </Button>
              ) : null}
              <Button
                variant="ghost"
                size="sm"
                disabled={busy}
                onClick={() => void run(() => endVoteRound(mapId, voting.roundId, 'close'))}
              >
                End round
              </Button>
            </DialogActions>
          </div>
        )
      }
    </Popover>
  );
}

function SummaryMenu({ mapId, title }: { mapId: string; title: string }) {
  const { error, busy, run } = useRunWithError();
  return (
    <Popover label="Session summary" button="Summary" align="right">
      {() => (
        <div className="popover-form">
          <p className="session-muted">
            Stages and touchpoints, revealed vote results, pain points, opportunities and notes.
          </p>
          <ErrorLine message={error} />
          <DialogActions className="popover-actions">
            <Button size="sm" disabled={busy} onClick={() => void run(() => downloadSummary(mapId, 'md', title))}>
              Download Markdown
            </Button>
            <Button
              variant="primary"
              size="sm"
              disabled={busy}
              onClick={() => void run(() => downloadSummary(mapId, 'pdf', title))}
            >
              Download PDF
            </Button>
          </DialogActions>
        </div>
      )}
    </Popover>
  );
}
