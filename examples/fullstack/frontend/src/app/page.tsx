import Link from 'next/link';

import { listUsers } from '@/lib/api';

export default async function HomePage() {
  const users = await listUsers();
  return (
    <main>
      <h1>Users</h1>
      <ul>
        {users.map((user) => (
          <li key={user.id}>
            <Link href={`/users/${user.id}`}>{user.full_name}</Link>
          </li>
        ))}
      </ul>
    </main>
  );
}
