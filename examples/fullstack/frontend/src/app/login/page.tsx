'use client';

import { useState, type FormEvent } from 'react';

import { currentUser, login } from '@/lib/auth';
import type { User } from '@/lib/api';

export default function LoginPage() {
  const [email, setEmail] = useState('ada@example.com');
  const [password, setPassword] = useState('');
  const [user, setUser] = useState<User | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    try {
      const token = await login(email, password);
      setUser(await currentUser(token));
      setError(null);
    } catch {
      setError('Login failed');
    }
  }

  return (
    <main>
      <form onSubmit={onSubmit}>
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} />
        <button type="submit">Log in</button>
      </form>
      {error && <p role="alert">{error}</p>}
      {user && <p>Signed in as {user.full_name}</p>}
    </main>
  );
}
