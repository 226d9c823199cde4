import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { MapAccess, ShareRole } from '@journeycraft/schema';
import { Button, Check, Dialog, Field, Input, Select, useRunWithError } from '@journeycraft/ui';
import { formatDate } from '../format';
import { getWorkspaceSettings } from '../auth/api';
import { createLink, joinUrl, listLinks, revokeLink, setMapAccess, type LinkWithToken } from './api';
import { MapMembersSection } from './MapMembersSection';
import { roleInfo, SHARE_ROLE_OPTIONS } from './roles';

const EXPIRY: ReadonlyArray<[string, number | null]> = [
  ['Never (until revoked)', null],
  ['In 2 hours', 2],
  ['In 8 hours', 8],
  ['In 1 day', 24],
  ['In 7 days', 24 * 7],
];

function linkState(link: LinkWithToken): 'revoked' | 'expired' | 'live' {
  if (link.revokedAt) return 'revoked';
  if (link.expiresAt && Date.parse(link.expiresAt) <= Date.now()) return 'expired';
  return 'live';
}

/**
 * Who can open the map: shared with the whole workspace or not, its members with their per-map
 * roles (add by name or e-mail, change, remove), and share links per role (label, optional expiry,
 * copy, revoke) unless the workspace has turned links off. Only the owner or an admin changes any of it.
 */
export function ShareDialog({
  open,
  onClose,
  mapId,
  access,
  canManage,
  member,
  onAccessChanged,
}: {
  open: boolean;
  onClose: () => void;
  mapId: string;
  access: MapAccess;
  /** The map's owner or a workspace admin. */
  canManage: boolean;
  /** Signed in to the workspace (not a guest by link): may read the map's members. */
  member: boolean;
  onAccessChanged: () => void;
}) {
  return (
    <Dialog
      open={open}
      title="Invite people to this map"
      onClose={onClose}
      className="share-dialog"
      actions={<Button onClick={onClose}>Done</Button>}
    >
      {open && canManage ? <ShareBody mapId={mapId} access={access} onAccessChanged={onAccessChanged} /> : null}
      {open && !canManage ? (
        <div className="share-body" data-testid="share-read-only">
          <p className="notice" role="status">
            Only this map&rsquo;s owner or a workspace admin can change who can open it, add or remove its members and
            make or revoke share links. Ask them to invite someone: as a facilitator you run the session on the map.
          </p>
          {member ? (
            <>
              <p className="share-muted">
                {access === 'open'
                  ? 'Shared with the whole workspace: every member can open and edit this map.'
                  : 'Not shared with the whole workspace: only its owner, the members below and people with a live link can open it.'}
              </p>
              <MapMembersSection mapId={mapId} canManage={false} />
            </>
          ) : null}
        </div>
      ) : null}
    </Dialog>
  );
}

function ShareBody({
  mapId,
  access,
  onAccessChanged,
}: {
  mapId: string;
  access: MapAccess;
  onAccessChanged: () => void;
}) {
  const [links, setLinks] = useState<LinkWithToken[] | null>(null);
  const [linksOn, setLinksOn] = useState(true);
  const { error, busy, run, setError } = useRunWithError();
  const [role, setRole] = useState<ShareRole>('editor');
  const [label, setLabel] = useState('');
  const [expiry, setExpiry] = useState<number | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const [list, settings] = await Promise.all([listLinks(mapId), getWorkspaceSettings()]);
    setLinks(list);
    setLinksOn(settings.shareLinks);
  }, [mapId]);
  useEffect(() => void run(reload), [run, reload]);

  const create = (e: FormEvent) => {
    e.preventDefault();
    if (label.trim().length > 200) {
      setError('Keep the label to 200 characters or fewer.');
      return;
    }
    void run(async () => {
      const link = await createLink(mapId, {
        role,
        ...(label.trim() ? { label: label.trim() } : {}),
        ...(expiry ? { expiresInHours: expiry } : {}),
      });
      setLabel('');
      await reload();
      await copy(link);
    });
  };

  const copy = async (link: LinkWithToken) => {
    try {
      await navigator.clipboard.writeText(joinUrl(link.token));
      setCopied(link.id);
      setTimeout(() => setCopied((c) => (c === link.id ? null : c)), 2500);
    } catch {
      setError('Your browser did not let us copy. Select the link and copy it by hand.');
    }
  };

  const setShared = (next: MapAccess) =>
    run(async () => {
      // Who may open the map is for its owner or an admin, signed in (a link session cannot change it);
      // they keep their own access either way.
      await setMapAccess(mapId, next);
      onAccessChanged();
      await reload();
    });

  return (
    <div className="share-body">
      <section className="share-access" aria-label="Who can open this map">
        <Check
          label={<strong>Shared with the whole workspace</strong>}
          hint={
            access === 'open'
              ? 'Every member of the workspace can open and edit this map. Turn off to keep it to the people below.'
              : 'Only its owner, the members below and people with a live link can open this map.'
          }
          checked={access === 'open'}
          disabled={busy}
          onChange={(e) => void setShared(e.target.checked ? 'open' : 'links')}
        />
      </section>

      <MapMembersSection mapId={mapId} />

      <h3 className="share-subtitle">Links</h3>
      {linksOn ? null : (
        <p className="notice" role="status" data-testid="links-off">
          Share links are turned off for this workspace: no new links, and the ones below do not open the map. A
          workspace admin can turn them back on on the Members page.
        </p>
      )}

      {linksOn ? (
        <form className="share-create" onSubmit={create} noValidate>
          <Field label="Role">
            <Select id="share-role" value={role} onValue={setRole} options={SHARE_ROLE_OPTIONS} />
          </Field>
          <Field label="Label" className="share-label-field">
            <Input
              id="share-label"
              value={label}
              maxLength={220}
              placeholder="e.g. Tuesday workshop group"
              onChange={(e) => setLabel(e.target.value)}
            />
          </Field>
          <Field label="Expires">
            <Select
              id="share-expiry"
              value={expiry === null ? '' : String(expiry)}
              onValue={(v) => setExpiry(v ? Number(v) : null)}
              options={EXPIRY.map(([text, hours]) => ({ value: hours === null ? '' : String(hours), label: text }))}
            />
          </Field>
          <Button type="submit" variant="primary" busy={busy}>
            Create link
          </Button>
        </form>
      ) : null}
      {linksOn ? (
        <p className="share-muted share-role-hint">
          {roleInfo[role].label}: {roleInfo[role].can}
        </p>
      ) : null}

      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}

      {links === null ? (
        <p className="share-muted">Loading links…</p>
      ) : links.length === 0 ? (
        <p className="share-muted">No links yet. Create one above and send it to the people you invite.</p>
      ) : (
        <ul className="share-links" aria-label="Share links">
          {[...links].reverse().map((link) => {
            const state = linkState(link);
            return (
              <li key={link.id} className={`share-link is-${state}`} data-testid="share-link">
                <span className={`role-badge role-${link.role}`}>{roleInfo[link.role].label}</span>
                <span className="share-link-main">
                  <span className="share-link-label">{link.label || 'Untitled link'}</span>
                  <span className="share-muted">
                    {state === 'revoked'
                      ? `Revoked ${formatDate(link.revokedAt!)}`
                      : state === 'expired'
                        ? `Expired ${formatDate(link.expiresAt!)}`
                        : link.expiresAt
                          ? `Expires ${formatDate(link.expiresAt)}`
                          : `Created ${formatDate(link.createdAt)}`}
                  </span>
                </span>
                {state === 'live' ? (
                  <>
                    <Input
                      className="share-url"
                      readOnly
                      value={joinUrl(link.token)}
                      aria-label={`Link for ${link.label || roleInfo[link.role].label}`}
                      onFocus={(e) => e.target.select()}
                    />
                    <Button size="sm" onClick={() => void copy(link)}>
                      {copied === link.id ? 'Copied' : 'Copy'}
                    </Button>
                    <Button
                      variant="danger-text"
                      size="sm"
                      disabled={busy}
                      onClick={() =>
                        void run(async () => {
                          await revokeLink(mapId, link.id);
                          await reload();
                        })
                      }
                    >
                      Revoke
                    </Button>
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
