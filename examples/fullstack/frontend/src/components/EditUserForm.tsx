'use client';

import { useState, type FormEvent } from 'react';
import axios from 'axios';

import { API } from '@/lib/config';
import { setUserActive, type User } from '@/lib/api';

export function EditUserForm({ user }: { user: User }) {
  const [fullName, setFullName] = useState(user.full_name);
  const [active, setActive] = useState(user.is_active);
  const [saved, setSaved] = useState(false);

  const token = () => window.localStorage.getItem('demo.token') ?? '';

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await axios.put(
      `${API}/users/${user.id}`,
      { full_name: fullName },
      { headers: { Authorization: `Bearer ${token()}` } },
    );
    setSaved(true);
  }

  async function toggleActive() {
    const updated = await setUserActive(user.id, !active);
    setActive(updated.is_active);
  }

  return (
    <form onSubmit={onSubmit}>
      <label>
        Full name
        <input value={fullName} onChange={(e) => setFullName(e.target.value)} />
      </label>
      <button type="submit">Save</button>
      <button type="button" onClick={toggleActive}>
        {active ? 'Deactivate' : 'Activate'}
      </button>
      {saved && <p>Saved.</p>}
    </form>
  );
}
