import axios from 'axios';

import { API } from '@/lib/config';
import type { User } from '@/lib/api';

export async function login(email: string, password: string): Promise<string> {
  const form = new URLSearchParams({ username: email, password });
  const { data } = await axios.post<{ access_token: string }>(`${API}/auth/login`, form);
  window.localStorage.setItem('demo.token', data.access_token);
  return data.access_token;
}

export async function currentUser(token: string): Promise<User> {
  const { data } = await axios.get<User>(`${API}/auth/me`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return data;
}

export function logout(): void {
  window.localStorage.removeItem('demo.token');
}
