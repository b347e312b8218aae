/** Hono paths: `:id`, `:id?`, regex params `:id{[0-9]+}`, wildcards `*`. */
import type { PathSyntax } from '../../../match/path';
import { expressSyntax } from '../express/path';

export const honoSyntax: PathSyntax = {
  ...expressSyntax,
  id: 'hono',
  // `:id?` before the `?` is mistaken for a query string; a regex param keeps only its name.
  prepare: (raw) => raw.replace(/:([A-Za-z_]\w*)\{(?:[^{}]|\{[^{}]*\})*\}/g, ':$1').replace(/:([A-Za-z_]\w*)\?(?=\/|$)/g, '{$1?}'),
};
