'use client';

import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';

import { createItem } from '@/lib/api';

export function NewItemForm() {
  const router = useRouter();
  const [title, setTitle] = useState('');

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const item = await createItem(title);
    router.push(`/items/${item.id}`);
  }

  return (
    <form onSubmit={onSubmit}>
      <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="New item title" required />
      <button type="submit">Add</button>
    </form>
  );
}
