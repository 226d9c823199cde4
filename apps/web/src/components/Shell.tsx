import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { AccountMenu } from '../auth/AccountMenu';

/** The page frame: the product header bar (brand, breadcrumb, page actions) and the main area. */
export function Shell({
  crumb,
  actions,
  skipTo,
  children,
}: {
  crumb?: ReactNode;
  actions?: ReactNode;
  /** A "skip to …" link, the page's first tab stop, that moves focus into the element with `id`. */
  skipTo?: { id: string; label: string };
  children: ReactNode;
}) {
  return (
    <div className="shell">
      {skipTo ? (
        <a
          className="skip-link"
          href={`#${skipTo.id}`}
          onClick={(e) => {
            const target = document.getElementById(skipTo.id);
            if (!target) return;
            e.preventDefault();
            const first = target.querySelector<HTMLElement>('button:not(:disabled), input, a[href], [tabindex="0"]');
            (first ?? target).focus();
          }}
        >
          {skipTo.label}
        </a>
      ) : null}
      <header className="topbar">
        <div className="topbar-left">
          <Link href="/" className="brand" aria-label="Journeycraft, all maps">
            <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
              <rect width="32" height="32" rx="8" />
              <path d="M7 21c4 0 4-10 9-10s5 10 9 10" />
              <circle cx="7" cy="21" r="2.5" />
              <circle cx="25" cy="21" r="2.5" />
            </svg>
            <span className="brand-name">Journeycraft</span>
          </Link>
          {crumb ? (
            <nav className="crumbs" aria-label="Breadcrumb">
              <span className="crumb-sep" aria-hidden="true">
                /
              </span>
              {crumb}
            </nav>
          ) : null}
        </div>
        <div className="topbar-actions">
          {actions}
          <AccountMenu />
        </div>
      </header>
      <main className="main">{children}</main>
    </div>
  );
}
