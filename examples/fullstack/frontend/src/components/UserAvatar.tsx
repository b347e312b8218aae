'use client';

import { useEffect, useState } from 'react';

import { API } from '@/lib/config';

/** Shows the user's uploaded avatar, or their initials while it loads (or if there is none). */
export function UserAvatar({ id, name }: { id: number; name: string }) {
  const [src, setSrc] = useState<string | null>(null);

  useEffect(() => {
    let objectUrl: string | null = null;
    fetch(`${API}/users/${id}/avatar`)
      .then((res) => (res.ok ? res.blob() : null))
      .then((blob) => {
        if (blob) {
          objectUrl = URL.createObjectURL(blob);
          setSrc(objectUrl);
        }
      })
      .catch(() => setSrc(null));
    return () => {
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [id]);

  const initials = name
    .split(' ')
    .map((part) => part[0])
    .join('')
    .slice(0, 2);

  return src ? <img className="avatar" src={src} alt={name} /> : <span className="avatar">{initials}</span>;
}
