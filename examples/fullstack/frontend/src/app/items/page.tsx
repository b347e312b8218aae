import Link from 'next/link';

import { NewItemForm } from '@/components/NewItemForm';
import { listItems } from '@/lib/api';

export default async function ItemsPage() {
  const items = await listItems();
  return (
    <main>
      <h1>Items</h1>
      <NewItemForm />
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
