/**
 * Areas for the markdown report: endpoints grouped by their first meaningful path segment, skipping
 * common prefixes (`api`, versions such as `v1`) and parameters. `/api/v1/users/{id}` → "Users",
 * `/health` → "Health", `/` → "Root".
 */
import type { Endpoint } from '../types';

const PREFIX = /^(api|v\d+(\.\d+)*)$/i;
const PARAM = /^(\{.*\}|:.*|<.*>|\[.*\]|\*.*)$/;

export function areaOf(path: string): string {
  for (const segment of path.split('?')[0]!.split('/')) {
    if (segment === '' || PREFIX.test(segment) || PARAM.test(segment)) continue;
    return titleCase(segment);
  }
  return 'Root';
}

/** `sync-instances` → `Sync Instances`, `userProfiles` → `User Profiles`. */
export function titleCase(segment: string): string {
  const words = segment
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[-_.~\s]+/)
    .filter(Boolean);
  if (words.length === 0) return segment;
  return words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
}

/** Endpoints grouped by area, areas sorted by name ("Root" last), endpoints in their given order. */
export function groupByArea(endpoints: readonly Endpoint[]): Array<{ area: string; endpoints: Endpoint[] }> {
  const groups = new Map<string, Endpoint[]>();
  for (const ep of endpoints) {
    const area = areaOf(ep.path);
    let list = groups.get(area);
    if (!list) groups.set(area, (list = []));
    list.push(ep);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === 'Root' ? 1 : 0) - (b === 'Root' ? 1 : 0) || a.localeCompare(b))
    .map(([area, eps]) => ({ area, endpoints: eps }));
}
