import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { Account, ShareRole } from '@journeycraft/schema';
import { Button, Field, Input, Select, useRunWithError } from '@journeycraft/ui';
import { listMembers } from '../auth/api';
import { getMapMembers, removeMapMember, setMapMember, type MapMembers } from './api';
import { roleInfo, SHARE_ROLE_OPTIONS } from './roles';

/**
 * The workspace account a typed name or e-mail stands for: an exact e-mail or name (any case),
 * else the one account whose name or e-mail starts with it; null when none or several match.
 */
export function findAccount(accounts: readonly Account[], typed: string): Account | null {
  const q = typed.trim().toLowerCase();
  if (!q) return null;
  const exact = accounts.filter((a) => a.email.toLowerCase() === q || a.name.toLowerCase() === q);
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) return null;
  const prefix = accounts.filter((a) => a.email.toLowerCase().startsWith(q) || a.name.toLowerCase().startsWith(q));
  return prefix.length === 1 ? prefix[0]! : null;
}

/**
 * The map's owner and members: add a workspace member by name or e-mail with a role, change it,
 * remove. Without `canManage` (a facilitator who is not the owner or an admin) only the list.
 */
export function MapMembersSection({ mapId, canManage = true }: { mapId: string; canManage?: boolean }) {
  const [state, setState] = useState<{ map: MapMembers; accounts: Account[] } | null>(null);
  const { error, busy, run, setError } = useRunWithError();
  const [typed, setTyped] = useState('');
  const [role, setRole] = useState<ShareRole>('editor');
  const listId = useId();

  const reload = useCallback(async () => {
    const [map, accounts] = await Promise.all([getMapMembers(mapId), listMembers()]);
    setState({ map, accounts });
  }, [mapId]);
  useEffect(() => void run(reload), [run, reload]);

  const byId = useMemo(() => new Map((state?.accounts ?? []).map((a) => [a.id, a])), [state]);
  const candidates = useMemo(
    () =>
      (state?.accounts ?? []).filter(
        (a) => a.id !== state?.map.owner && !state?.map.members.some((m) => m.accountId === a.id),
      ),
    [state],
  );

  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!state) return;
    const clean = typed.trim();
    if (!clean) {
      setError('Type the name or e-mail of a workspace member.');
      return;
    }
    const account = findAccount(state.accounts, clean);
    if (!account) {
      setError(
        `No single workspace member matches “${clean}”. Type their full e-mail; people outside the workspace are invited on the Members page first, or by a link below.`,
      );
      return;
    }
    if (account.id === state.map.owner) {
      setError(`${account.name} owns this map already.`);
      return;
    }
    void run(async () => {
      await setMapMember(mapId, account.id, role);
      setTyped('');
      await reload();
    });
  };

  const nameOf = (id: string) => byId.get(id)?.name ?? 'A former member';
  const owner = state?.map.owner ? byId.get(state.map.owner) : undefined;

  return (
    <section className="share-members" aria-label="Members of this map">
      <h3 className="share-subtitle">Members</h3>
      {state === null ? (
        <p className="share-muted">{error ? '' : 'Loading members…'}</p>
      ) : (
        <ul className="share-links" aria-label="Map members">
          <li className="share-link" data-testid="map-member">
            <span className="role-badge role-facilitator">Owner</span>
            <span className="share-link-main">
              <span className="share-link-label">{owner?.name ?? 'No owner yet'}</span>
              {owner ? <span className="share-muted">{owner.email}</span> : null}
            </span>
          </li>
          {state.map.members.map((m) => {
            const name = nameOf(m.accountId);
            return (
              <li key={m.accountId} className="share-link" data-testid="map-member">
                <span className={`role-badge role-${m.role}`}>{roleInfo[m.role].label}</span>
                <span className="share-link-main">
                  <span className="share-link-label">{name}</span>
                  <span className="share-muted">{byId.get(m.accountId)?.email ?? ''}</span>
                </span>
                {canManage ? (
                  <>
                    <Select
                      aria-label={`Access of ${name}`}
                      value={m.role}
                      disabled={busy}
                      options={SHARE_ROLE_OPTIONS}
                      onValue={(next) =>
                        void run(async () => {
                          await setMapMember(mapId, m.accountId, next);
                          await reload();
                        })
                      }
                    />
                    <Button
                      variant="danger-text"
                      size="sm"
                      aria-label={`Remove ${name}`}
                      disabled={busy}
                      onClick={() =>
                        void run(async () => {
                          await removeMapMember(mapId, m.accountId);
                          await reload();
                        })
                      }
                    >
                      Remove
                    </Button>
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {canManage ? (
        <form className="share-create share-add-member" onSubmit={add} noValidate>
          <Field label="Add a workspace member" className="share-label-field">
            <Input
              id={`${listId}-who`}
              list={`${listId}-accounts`}
              value={typed}
              placeholder="Name or e-mail"
              autoComplete="off"
              onChange={(e) => setTyped(e.target.value)}
            />
          </Field>
          <datalist id={`${listId}-accounts`}>
            {candidates.map((a) => (
              <option key={a.id} value={a.email}>
                {a.name}
              </option>
            ))}
          </datalist>
          <Field label="Add as">
            <Select id={`${listId}-role`} value={role} onValue={setRole} options={SHARE_ROLE_OPTIONS} />
          </Field>
          <Button type="submit" variant="primary" busy={busy} disabled={state === null}>
            Add
          </Button>
        </form>
      ) : null}
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
