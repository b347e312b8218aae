import { API } from './config';

export interface User {
  id: number;
  email: string;
  full_name: string;
  is_active: boolean;
}

export interface Item {
  id: number;
  owner_id: number;
  title: string;
  description: string | null;
}

function authHeader(): Record<string, string> {
  if (typeof window === 'undefined') return {};
  const token = window.localStorage.getItem('demo.token');
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** Small fetch wrapper: prefixes the API base, sends JSON, throws on non-2xx. */
export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${API}${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...authHeader(), ...init.headers },
    cache: 'no-store',
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} failed with ${res.status}`);
  return res.status === 204 ? (undefined as T) : ((await res.json()) as T);
}

export const listUsers = () => apiFetch<User[]>('/users/');

export const getUser = (id: number | string) => apiFetch<User>(`/users/${id}`);

export const listUserItems = (id: number | string) => apiFetch<Item[]>(`/users/${id}/items`);

export const setUserActive = (id: number, isActive: boolean) =>
  apiFetch<User>(`/users/${id}`, { method: 'PATCH', body: JSON.stringify({ is_active: isActive }) });

export const listItems = () => apiFetch<Item[]>('/items/');

export const getItem = (id: number | string) => apiFetch<Item>(`/items/${id}`);

export const createItem = (title: string, description?: string) =>
  apiFetch<Item>('/items/', { method: 'POST', body: JSON.stringify({ title, description }) });
