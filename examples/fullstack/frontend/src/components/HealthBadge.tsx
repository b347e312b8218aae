'use client';

import { useEffect, useState } from 'react';

import { API } from '@/lib/config';

export function HealthBadge() {
  const [ok, setOk] = useState<boolean | null>(null);

  useEffect(() => {
    fetch(`${API}/health`)
      .then((res) => setOk(res.ok))
      .catch(() => setOk(false));
  }, []);

  return <span className={ok ? 'badge badge--ok' : 'badge badge--down'}>API {ok === null ? '…' : ok ? 'up' : 'down'}</span>;
}
