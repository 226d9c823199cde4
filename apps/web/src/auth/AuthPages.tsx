import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { Shell } from '../components/Shell';
import { messageOf } from '../client';
import { acceptInvitation, invitationInfo, setupOwner, signIn } from './api';
import { refreshAuth, useAuth } from './authStore';
import '../workshop/workshop.css';
import './auth.css';
import { Button, Field, Input } from '@journeycraft/ui';

interface FieldProps {
  id: string;
  label: string;
  type?: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: string;
  hint?: string;
  autoFocus?: boolean;
}

/** One large text field of a sign-in form. */
function AuthField({ id, label, type = 'text', value, onChange, autoComplete, hint, autoFocus }: FieldProps) {
  return (
    <Field label={label} hint={hint}>
      <Input
        size="lg"
        id={id}
        type={type}
        value={value}
        autoComplete={autoComplete}
        autoFocus={autoFocus}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

/** A centred card with a form; shows the server's refusal (or a check's) under the fields. */
function AuthCard(props: {
  eyebrow: string;
  title: string;
  intro?: ReactNode;
  submitLabel: string;
  busyLabel: string;
  onSubmit: () => Promise<void>;
  check?: () => string | null;
  children: ReactNode;
  footer?: ReactNode;
  /** A refusal to show from the start (e.g. the identity provider's sign-in was refused). */
  initialError?: string | null;
}) {
  const [error, setError] = useState<string | null>(props.initialError ?? null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = props.check?.() ?? null;
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Shell>
      <div className="page page-narrow">
        <form className="join-card auth-card" onSubmit={submit} noValidate aria-label={props.title}>
          <p className="join-eyebrow">{props.eyebrow}</p>
          <h1 className="join-title">{props.title}</h1>
          {props.intro ? <p className="join-text">{props.intro}</p> : null}
          {props.children}
          {error ? (
            <p className="notice notice-error" role="alert">
              {error}
            </p>
          ) : null}
          <Button variant="primary" size="lg" className="join-submit" type="submit" busy={busy}>
            {busy ? props.busyLabel : props.submitLabel}
          </Button>
          {props.footer}
        </form>
      </div>
    </Shell>
  );
}

/** Name, e-mail and a new password: what set-up and invitations ask for. */
interface NewAccount {
  name: string;
  email: string;
  password: string;
}

/** Why a new account's fields cannot be sent yet, or null. */
const newAccountProblem = ({ name, email, password }: NewAccount) =>
  !name.trim()
    ? 'Enter your name.'
    : !email.includes('@')
      ? 'Enter your e-mail address.'
      : password.length < 10
        ? 'Choose a password of at least 10 characters.'
        : null;

function NewAccountFields({
  prefix,
  value,
  onChange,
}: {
  prefix: string;
  value: NewAccount;
  onChange: (v: NewAccount) => void;
}) {
  return (
    <>
      <AuthField
        id={`${prefix}-name`}
        label="Your name"
        value={value.name}
        onChange={(name) => onChange({ ...value, name })}
        autoComplete="name"
        autoFocus
      />
      <AuthField
        id={`${prefix}-email`}
        label="E-mail"
        type="email"
        value={value.email}
        onChange={(email) => onChange({ ...value, email })}
        autoComplete="email"
      />
      <AuthField
        id={`${prefix}-password`}
        label="Password"
        type="password"
        value={value.password}
        onChange={(password) => onChange({ ...value, password })}
        autoComplete="new-password"
        hint="At least 10 characters."
      />
    </>
  );
}

/** Single sign-on with the company's identity provider, when the server has it configured. */
function SsoLink() {
  const auth = useAuth();
  if (auth.status !== 'ready' || !auth.oidc.enabled) return null;
  const returnTo = window.location.search.includes('signin_error')
    ? window.location.pathname
    : `${window.location.pathname}${window.location.search}`;
  return (
    <a className="btn btn-lg auth-sso" href={`/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`}>
      Sign in with {auth.oidc.label || 'your company account'}
    </a>
  );
}

/** First run: the first visitor creates the workspace owner (as Grafana, Outline and Penpot do). */
export function SetupPage() {
  const [fields, setFields] = useState<NewAccount>({ name: '', email: '', password: '' });
  useEffect(() => {
    document.title = 'Set up Journeycraft';
  }, []);
  return (
    <AuthCard
      eyebrow="First run"
      title="Set up your workspace"
      intro="You are the first person here: create the owner account. You can invite your colleagues next."
      submitLabel="Create the owner account"
      busyLabel="Creating…"
      check={() => newAccountProblem(fields)}
      footer={<SsoLink />}
      onSubmit={async () => {
        await setupOwner({ name: fields.name.trim(), email: fields.email.trim(), password: fields.password });
        await refreshAuth();
      }}
    >
      <NewAccountFields prefix="setup" value={fields} onChange={setFields} />
    </AuthCard>
  );
}

/** Sign-in with e-mail and password (and the company's identity provider when configured). */
export function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  useEffect(() => {
    document.title = 'Sign in · Journeycraft';
  }, []);
  // Where a refused single sign-on sends the browser back to, with the reason.
  const [refused] = useState(() => new URLSearchParams(window.location.search).get('signin_error'));
  return (
    <AuthCard
      initialError={refused ? `Single sign-on was refused: ${refused}.` : null}
      eyebrow="Journeycraft"
      title="Sign in"
      submitLabel="Sign in"
      busyLabel="Signing in…"
      check={() => (!email.includes('@') ? 'Enter your e-mail address.' : !password ? 'Enter your password.' : null)}
      onSubmit={async () => {
        await signIn(email.trim(), password);
        await refreshAuth();
      }}
      footer={<SsoLink />}
    >
      <AuthField
        id="signin-email"
        label="E-mail"
        type="email"
        value={email}
        onChange={setEmail}
        autoComplete="email"
        autoFocus
      />
      <AuthField
        id="signin-password"
        label="Password"
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
      />
    </AuthCard>
  );
}

/** `/invite/:token`: someone invited to the workspace creates their account. */
export function AcceptInvitePage({ token }: { token: string }) {
  const [offer, setOffer] = useState<{ role: string; email: string | null } | { error: string } | null>(null);
  const [fields, setFields] = useState<NewAccount>({ name: '', email: '', password: '' });
  const [, navigate] = useLocation();
  useEffect(() => {
    document.title = 'Join the workspace · Journeycraft';
    invitationInfo(token).then(
      (info) => {
        setOffer(info);
        if (info.email) setFields((f) => ({ ...f, email: info.email ?? '' }));
      },
      (err: unknown) => setOffer({ error: messageOf(err) }),
    );
  }, [token]);
  if (offer && 'error' in offer) {
    return (
      <Shell>
        <div className="page page-narrow">
          <div className="join-card auth-card">
            <h1 className="join-title">This invitation does not work</h1>
            <p className="notice notice-error" role="alert">
              {offer.error}
            </p>
            <Link href="/" className="btn btn-primary">
              Go to sign-in
            </Link>
          </div>
        </div>
      </Shell>
    );
  }
  return (
    <AuthCard
      eyebrow="Invitation"
      title="Join the workspace"
      intro={offer ? `You are invited as ${offer.role}. Create your account to continue.` : 'Checking your invitation…'}
      submitLabel="Create my account"
      busyLabel="Creating…"
      check={() => newAccountProblem(fields)}
      onSubmit={async () => {
        await acceptInvitation({
          token,
          name: fields.name.trim(),
          email: fields.email.trim(),
          password: fields.password,
        });
        await refreshAuth();
        navigate('/', { replace: true });
      }}
    >
      <NewAccountFields prefix="invite" value={fields} onChange={setFields} />
    </AuthCard>
  );
}

/**
 * Shows `children` to signed-in people; otherwise the first-run set-up (fresh install) or the
 * sign-in page, at the address that was asked for (so a shared map link works after signing in).
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const auth = useAuth();
  if (auth.status === 'loading') {
    return (
      <Shell>
        <div className="page page-narrow">
          <p className="auth-loading" role="status">
            Loading…
          </p>
        </div>
      </Shell>
    );
  }
  if (auth.status === 'error') {
    return (
      <Shell>
        <div className="page page-narrow">
          <p className="notice notice-error" role="alert">
            {auth.message}
          </p>
          <Button onClick={() => void refreshAuth()}>Try again</Button>
        </div>
      </Shell>
    );
  }
  if (auth.setupNeeded) return <SetupPage />;
  if (!auth.account) return <SignInPage />;
  return <>{children}</>;
}
