import { useEffect, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { ShareRole } from '@journeycraft/schema';
import { Shell } from '../components/Shell';
import { messageOf } from '../client';
import { setDisplayName, useLocalUser } from '../identity';
import { joinWithLink } from './api';
import { rememberSession } from './tokens';
import { roleInfo } from './roles';
import './workshop.css';

/** The role a link token carries (its payload is signed, not secret), or null if it is not a link. */
function linkRole(token: string): ShareRole | null {
  try {
    const body = token.split('.')[1] ?? '';
    const json = JSON.parse(atob(body.replace(/-/g, '+').replace(/_/g, '/'))) as { k?: unknown; r?: unknown };
    const role = ShareRole.safeParse(json.r);
    return json.k === 'link' && role.success ? role.data : null;
  } catch {
    return null;
  }
}

/** `/join/:token`: a guest opens an invitation link, says who they are and is taken to the map. */
export function JoinPage({ token }: { token: string }) {
  const { user, chosen } = useLocalUser();
  const [name, setName] = useState(chosen ? user.name : '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [, navigate] = useLocation();
  const role = linkRole(token);

  useEffect(() => {
    document.title = 'Join a workshop · Journeycraft';
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const clean = name.trim();
    if (!clean) {
      setError('Tell the others who you are: enter a display name.');
      return;
    }
    if (clean.length > 60) {
      setError('Keep your name to 60 characters or fewer.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const joined = await joinWithLink(token, clean);
      rememberSession(joined);
      setDisplayName(joined.name);
      navigate(`/maps/${joined.mapId}`, { replace: true });
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <Shell>
      <div className="page page-narrow">
        <form className="join-card" onSubmit={submit} noValidate>
          <p className="join-eyebrow">Workshop invitation</p>
          <h1 className="join-title">Join the journey mapping session</h1>
          {role ? (
            <p className="join-text">
              You are invited as <strong className={`role-badge role-${role}`}>{roleInfo[role].label}</strong>:{' '}
              {roleInfo[role].can}
            </p>
          ) : (
            <p className="notice notice-error" role="alert">
              This invitation link looks incomplete. Copy the whole link from the message you were sent.
            </p>
          )}
          <div className="field">
            <label htmlFor="join-name">Your display name</label>
            <input
              id="join-name"
              className="input input-lg"
              value={name}
              autoFocus
              maxLength={80}
              autoComplete="nickname"
              placeholder="e.g. Sam from Support"
              onChange={(e) => {
                setName(e.target.value);
                setError(null);
              }}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'join-error' : 'join-hint'}
            />
            <p id="join-hint" className="field-hint">
              Everyone in the session sees this name beside your cursor.
            </p>
            {error ? (
              <p id="join-error" className="field-error" role="alert">
                {error}
              </p>
            ) : null}
          </div>
          <button type="submit" className="btn btn-primary btn-lg join-submit" disabled={busy || !role}>
            {busy ? 'Joining…' : 'Join the session'}
          </button>
        </form>
      </div>
    </Shell>
  );
}
