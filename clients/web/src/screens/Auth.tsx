import { useEffect, useState } from 'preact/hooks';
import { ErrorText, Field, StatusText, useAction } from '../components/ui';
import { hrefOf } from '../router';
import { client } from '../sdk';

/** Signs in; `onLoggedIn` then loads the user's world. */
export function LoginScreen({ onLoggedIn }: { onLoggedIn: () => Promise<void> }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useAction(async () => {
    await client.login(email.trim(), password);
    await onLoggedIn();
  });
  return (
    <section class="auth-card" aria-labelledby="login-title">
      <h2 id="login-title">Log in</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void login.run();
        }}
      >
        <Field label="Email" type="email" name="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        <Field label="Password" type="password" name="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        <ErrorText error={login.error} />
        <button type="submit" class="primary" disabled={login.busy}>
          {login.busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <p>
        New here? <a href={hrefOf({ name: 'register' })}>Create an account</a>. Got a verification link?{' '}
        <a href={hrefOf({ name: 'verify' })}>Verify your email</a>.
      </p>
    </section>
  );
}

export function RegisterScreen() {
  const [email, setEmail] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [registered, setRegistered] = useState<string | null>(null);
  const register = useAction(async () => {
    const account = await client.register({ email: email.trim(), username: username.trim(), password });
    setRegistered(account.email);
  });
  if (registered) {
    return (
      <section class="auth-card" aria-labelledby="register-title">
        <h2 id="register-title">Check your mail</h2>
        <StatusText>
          We sent a verification link to <strong>{registered}</strong>. Open it, or paste it on the{' '}
          <a href={hrefOf({ name: 'verify' })}>verification page</a>; then log in.
        </StatusText>
        <p>
          <a href={hrefOf({ name: 'login' })}>Log in</a>
        </p>
      </section>
    );
  }
  return (
    <section class="auth-card" aria-labelledby="register-title">
      <h2 id="register-title">Create an account</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void register.run();
        }}
      >
        <Field label="Email" type="email" name="email" autocomplete="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        <Field
          label="Username"
          name="username"
          autocomplete="username"
          required
          minLength={3}
          maxLength={32}
          pattern="[A-Za-z0-9_.\-]{3,32}"
          value={username}
          onInput={(e) => setUsername(e.currentTarget.value)}
          hint="3 to 32 letters, digits, '_', '.' or '-'. Others find you by it."
        />
        <Field
          label="Password"
          type="password"
          name="password"
          autocomplete="new-password"
          required
          minLength={8}
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
          hint="At least 8 characters."
        />
        <ErrorText error={register.error} />
        <button type="submit" class="primary" disabled={register.busy}>
          {register.busy ? 'Creating…' : 'Create account'}
        </button>
      </form>
      <p>
        Already registered? <a href={hrefOf({ name: 'login' })}>Log in</a>.
      </p>
    </section>
  );
}

/** The token in a pasted verification link (…/v1/accounts/verify/<token>), or the pasted text itself. */
export function tokenFromLink(text: string): string {
  const trimmed = text.trim();
  const match = /\/verify\/([^/?#\s]+)/.exec(trimmed);
  return decodeURIComponent(match ? match[1] : trimmed);
}

/** Verifies an email address: from the route's token, or from a pasted link or token. */
export function VerifyScreen({ token }: { token?: string }) {
  const [pasted, setPasted] = useState('');
  const [verified, setVerified] = useState<string | null>(null);
  const verify = useAction(async (value: string) => {
    const account = await client.verify(tokenFromLink(value));
    setVerified(account.email);
  });
  useEffect(() => {
    if (token) void verify.run(token);
  }, [token]);
  if (verified) {
    return (
      <section class="auth-card" aria-labelledby="verify-title">
        <h2 id="verify-title">Email verified</h2>
        <StatusText>
          <strong>{verified}</strong> is verified. You can <a href={hrefOf({ name: 'login' })}>log in</a> now.
        </StatusText>
      </section>
    );
  }
  return (
    <section class="auth-card" aria-labelledby="verify-title">
      <h2 id="verify-title">Verify your email</h2>
      {token && verify.busy && <StatusText>Verifying…</StatusText>}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void verify.run(pasted);
        }}
      >
        <Field
          label="Verification link or token"
          name="token"
          required
          value={pasted}
          onInput={(e) => setPasted(e.currentTarget.value)}
          hint="Paste the link from the mail we sent you."
        />
        <ErrorText error={verify.error} />
        <button type="submit" class="primary" disabled={verify.busy}>
          Verify
        </button>
      </form>
      <p>
        <a href={hrefOf({ name: 'login' })}>Log in</a>
      </p>
    </section>
  );
}
