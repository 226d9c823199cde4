import { useState } from 'react';
import { Link } from 'wouter';
import { messageOf } from '../client';
import { signOut } from './api';
import { refreshAuth, useAuth } from './authStore';
import { Button, ErrorLine } from '@journeycraft/ui';

/** The signed-in person in the top bar: name, role, the members page and audit log (admins) and sign out. */
export function AccountMenu() {
  const auth = useAuth();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (auth.status !== 'ready' || !auth.account) return null;
  const { account } = auth;
  const admin = account.role === 'owner' || account.role === 'admin';
  return (
    <div className="account-menu">
      <Button
        variant="ghost"
        className="account-button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="account-initial" aria-hidden="true">
          {account.name.slice(0, 1).toUpperCase()}
        </span>
        <span className="account-name">{account.name}</span>
      </Button>
      {open ? (
        <div className="account-popover" role="menu" aria-label="Account">
          <p className="account-who">
            {account.email}
            <br />
            <span className="account-role">Workspace {account.role}</span>
          </p>
          {admin ? (
            <>
              <Link href="/workspace/members" className="account-item" role="menuitem" onClick={() => setOpen(false)}>
                Members
              </Link>
              <Link href="/workspace/audit" className="account-item" role="menuitem" onClick={() => setOpen(false)}>
                Audit log
              </Link>
            </>
          ) : null}
          <Button
            variant="plain"
            className="account-item"
            role="menuitem"
            onClick={async () => {
              try {
                await signOut();
                await refreshAuth();
              } catch (err) {
                setError(messageOf(err));
              }
            }}
          >
            Sign out
          </Button>
          <ErrorLine message={error} />
        </div>
      ) : null}
    </div>
  );
}
