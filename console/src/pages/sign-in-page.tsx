// Signing in: the demo member picker in demo mode; in real use, Microsoft
// (a redirect to Microsoft and back) and Google (its own button).
import type { ConsoleStrings } from '#shared/console/strings';
import type { Locale, Strings } from '#shared/sidebar/strings';
import { useEffect, useRef, useState } from 'preact/hooks';
import { googleSession, type Auth, type KeyValueStore } from '../auth/auth.ts';
import type { SignInScreen } from '../app.tsx';

interface Props {
  screen: SignInScreen;
  s: ConsoleStrings;
  ss: Strings;
  locale: Locale;
  storage: KeyValueStore;
  onDemoMember(email: string): void;
  onSignedIn(auth: Auth): void;
}

export function SignInPage({ screen, s, ss, locale, storage, onDemoMember, onSignedIn }: Props) {
  const managers = screen.members.filter((m) => m.role !== 'rep');
  const [email, setEmail] = useState((managers[0] ?? screen.members[0])?.email ?? '');
  const [error, setError] = useState(screen.error);
  const googleButton = useRef<HTMLDivElement>(null);
  const google = screen.config.mode === 'accounts' ? screen.config.google : null;

  useEffect(() => {
    if (!google || !googleButton.current) return;
    googleSession(google.clientId, storage)
      .renderButton(googleButton.current, locale, onSignedIn)
      .catch((e: Error) => setError(s.signIn.failed({ message: e.message })));
  }, [google, locale, onSignedIn, s, storage]);

  return (
    <section class="card sign-in">
      <h1>{s.signIn.title}</h1>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {screen.config.mode === 'demo' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (email) onDemoMember(email);
          }}
        >
          <p class="muted">{s.signIn.demoHint}</p>
          <div class="field">
            <label for="demo-member">{ss.signInAs}</label>
            <select id="demo-member" value={email} onChange={(e) => setEmail((e.currentTarget as HTMLSelectElement).value)}>
              {screen.members.map((m) => (
                <option key={m.email} value={m.email}>
                  {m.name} ({s.team.role[m.role]})
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="button button-primary">
            {ss.signIn}
          </button>
        </form>
      )}
      {screen.microsoft && (
        <button type="button" class="button button-primary" onClick={() => void screen.microsoft?.()}>
          {s.signIn.microsoft}
        </button>
      )}
      {google && <div ref={googleButton} class="google-button" aria-label={s.signIn.google} />}
    </section>
  );
}
