import type { LinkContext, LinkedRoute } from '../../types';
import type { NextConfig } from './config';

export function rewriteRoutes(_cfg: NextConfig, _ctx: LinkContext): LinkedRoute[] {
  return [];
}
