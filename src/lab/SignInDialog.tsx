import { type FormEvent, useId, useState } from 'react';
import { useKeyScope } from '../keyboard/useKeyScope';
import { joinCohort, signIn } from '../labClient/labSession';
import { OverlayDialog } from '../ui/OverlayDialog';
import './lab.css';

interface Props {
  readonly onClose: () => void;
}

type Tab = 'sign-in' | 'join';

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Sign in to the lab server (username and password), or join a cohort with the instructor's join
 * code as a new trainee. Every field is labelled and reached by Tab; Enter sends, Esc closes. A
 * refusal is shown in the server's own words. The password leaves the page only in the request
 * body, and nothing of the sign-in is stored by the page (the session is the server's cookie).
 */
export function SignInDialog({ onClose }: Props) {
  const [tab, setTab] = useState<Tab>('sign-in');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [displayName, setDisplayName] = useState('');
  const id = useId();
  useKeyScope(
    'Sign in',
    [{ id: 'signin.close', keys: ['Escape'], label: 'Close', onDown: onClose, inForms: 'always' }],
    {
      modal: true,
    },
  );

  const missing =
    tab === 'sign-in'
      ? !username.trim() || !password
      : !code.trim() || !username.trim() || !displayName.trim() || !password;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (missing) {
      setError(tab === 'sign-in' ? 'Enter your username and password.' : 'Fill in every field to join.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (tab === 'sign-in') await signIn(username.trim(), password);
      else await joinCohort(code.trim(), username.trim(), displayName.trim(), password);
      onClose();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  const field = (
    name: string,
    label: string,
    value: string,
    set: (v: string) => void,
    options: { type?: string; autoComplete?: string; autoFocus?: boolean; maxLength?: number } = {},
  ) => (
    <div className="signin-field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        data-testid={`signin-${name}`}
        type={options.type ?? 'text'}
        autoComplete={options.autoComplete}
        // biome-ignore lint/a11y/noAutofocus: the dialog opens to be typed into; focus goes to its first field
        autoFocus={options.autoFocus}
        maxLength={options.maxLength ?? 200}
        value={value}
        disabled={busy}
        aria-invalid={error !== null && value === '' ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => set(e.target.value)}
      />
    </div>
  );

  return (
    <OverlayDialog title="Lab server" label="Sign in" className="signin" testId="signin-dialog" onClose={onClose}>
      <div className="signin-tabs" role="tablist" aria-label="Sign in or join">
        {(
          [
            ['sign-in', 'Sign in'],
            ['join', 'Join a cohort'],
          ] as const
        ).map(([t, label]) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className={tab === t ? 'on' : ''}
            data-testid={`signin-tab-${t}`}
            onClick={() => {
              setTab(t);
              setError(null);
            }}
          >
            {label}
          </button>
        ))}
      </div>
      <form
        className="signin-form"
        onSubmit={(e) => void submit(e)}
        noValidate
        aria-label={tab === 'sign-in' ? 'Sign in' : 'Join a cohort'}
      >
        {tab === 'join' && (
          <>
            <p className="muted">
              Your instructor gives you the cohort's join code. You choose your username and password.
            </p>
            {field('code', 'Join code', code, setCode, { autoFocus: true, autoComplete: 'off', maxLength: 100 })}
            {field('display-name', 'Your name (as your instructor sees it)', displayName, setDisplayName, {
              autoComplete: 'name',
            })}
          </>
        )}
        {field('username', 'Username', username, setUsername, {
          autoFocus: tab === 'sign-in',
          autoComplete: 'username',
          maxLength: 120,
        })}
        {field('password', 'Password', password, setPassword, {
          type: 'password',
          autoComplete: tab === 'sign-in' ? 'current-password' : 'new-password',
        })}
        {error && (
          <p className="menu-error" id={`${id}-error`} role="alert" data-testid="signin-error">
            {error}
          </p>
        )}
        <div className="signin-buttons">
          <button type="submit" className="primary" data-testid="signin-submit" disabled={busy}>
            {busy ? 'Checking…' : tab === 'sign-in' ? 'Sign in' : 'Join and sign in'} <kbd>Enter</kbd>
          </button>
          <button type="button" onClick={onClose} disabled={busy}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </OverlayDialog>
  );
}
