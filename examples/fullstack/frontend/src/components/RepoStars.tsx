'use client';

import { useEffect, useState } from 'react';

/** GitHub star count for the footer; talks to api.github.com, not to our backend. */
export function RepoStars({ repo }: { repo: string }) {
  const [stars, setStars] = useState<number | null>(null);

  useEffect(() => {
    fetch(`https://api.github.com/repos/${repo}`, { headers: { Accept: 'application/vnd.github+json' } })
      .then((res) => res.json())
      .then((data: { stargazers_count: number }) => setStars(data.stargazers_count))
      .catch(() => setStars(null));
  }, [repo]);

  return stars === null ? null : <span>★ {stars}</span>;
}
