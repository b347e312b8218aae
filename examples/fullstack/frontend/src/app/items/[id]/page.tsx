import { getItem } from '@/lib/api';

export default async function ItemPage({ params }: { params: { id: string } }) {
  const item = await getItem(params.id);
  return (
    <main>
      <h1>{item.title}</h1>
      <p>{item.description ?? 'No description.'}</p>
      <p>Owner #{item.owner_id}</p>
    </main>
  );
}
