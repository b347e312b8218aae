import Link from 'next/link';

import { EditUserForm } from '@/components/EditUserForm';
import { UserAvatar } from '@/components/UserAvatar';
import { getUser, listUserItems } from '@/lib/api';

export default async function UserPage({ params }: { params: { id: string } }) {
  const [user, items] = await Promise.all([getUser(params.id), listUserItems(params.id)]);

  return (
    <main>
      <header>
        <UserAvatar id={user.id} name={user.full_name} />
        <h1>{user.full_name}</h1>
        <p>{user.email}</p>
      </header>
      <EditUserForm user={user} />
      <h2>Items</h2>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <Link href={`/items/${item.id}`}>{item.title}</Link>
          </li>
        ))}
      </ul>
    </main>
  );
}
