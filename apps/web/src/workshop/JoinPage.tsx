import { useEffect, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import type { LinkOffer } from '@journeycraft/schema';
import { Button, Field, Input } from '@journeycraft/ui';
import { Shell } from '../components/Shell';
import { messageOf } from '../client';
import { setDisplayName, useLocalUser } from '../identity';
import { checkLink, joinWithLink } from './api';
import { rememberSession } from './tokens';
import { roleInfo } from './roles';
import './workshop.css';

/** `/join/:token`: a guest opens an invitation link, says who they are and is taken to the map. */
export function JoinPage({ token }: { token: string }) {
  const { user, chosen } = useLocalUser();
  const [name, setName] = useState(chosen ? user.name : '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [, navigate] = useLocation();
  // The link is checked before anyone types a name: a revoked or expired one says so at once.
  const [offer, setOffer] = useState<{ ok: LinkOffer } | { dead: string } | null>(null);

  useEffect(() => {
    document.title = 'Join a workshop · Journeycraft';
  }, []);
  useEffect(() => {
    let live = true;
    checkLink(token).then(
      (ok) => live && setOffer({ ok }),
      (err: unknown) => live && setOffer({ dead: messageOf(err) }),
    );
    return () => {
      live = false;
    };
  }, [token]);
  const role = offer && 'ok' in offer ? offer.ok.role : null;

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
          <h1 className="join-title">
            {offer && 'dead' in offer ? 'This link no longer opens the session' : 'Join the journey mapping session'}
          </h1>
          {offer === null ? (
            <p className="join-text" role="status">
              Checking your invitation…
            </p>
          ) : 'ok' in offer ? (
            <p className="join-text">
              You are invited to <strong>{offer.ok.mapTitle}</strong> as{' '}
              <strong className={`role-badge role-${offer.ok.role}`}>{roleInfo[offer.ok.role].label}</strong>:{' '}
              {roleInfo[offer.ok.role].can}
            </p>
          ) : (
            <div className="notice notice-error join-dead" role="alert">
              <p>
                <strong>This invitation no longer works:</strong> {offer.dead.replace(/\.$/, '')}.
              </p>
              <p>Ask the person who sent it for a new link.</p>
            </div>
          )}
          {offer && 'dead' in offer ? null : (
            <>
              <Field
                label="Your display name"
                hint="Everyone in the session sees this name beside your cursor."
                error={error}
              >
                <Input
                  id="join-name"
                  size="lg"
                  value={name}
                  autoFocus
                  maxLength={80}
                  autoComplete="nickname"
                  placeholder="e.g. Sam from Support"
                  onChange={(e) => {
                    setName(e.target.value);
                    setError(null);
                  }}
                />
              </Field>
              <Button type="submit" variant="primary" size="lg" className="join-submit" busy={busy} disabled={!role}>
                {busy ? 'Joining…' : 'Join the session'}
              </Button>
            </>
          )}
        </form>
      </div>
    </Shell>
  );
}
