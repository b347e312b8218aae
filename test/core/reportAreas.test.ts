import { describe, expect, it } from 'vitest';
import { areaOf, titleCase } from '../../src/core/report/areas';

describe('markdown areas', () => {
  it('uses the first path segment after api and version prefixes', () => {
    expect(areaOf('/api/v1/users/{user_id}')).toBe('Users');
    expect(areaOf('/api/v5/instances/{id}/start')).toBe('Instances');
    expect(areaOf('/api/orders')).toBe('Orders');
    expect(areaOf('/v2/billing/portal')).toBe('Billing');
    expect(areaOf('/my/account')).toBe('My');
  });

  it('puts root-level routes under their own name, and bare prefixes under Root', () => {
    expect(areaOf('/health')).toBe('Health');
    expect(areaOf('/')).toBe('Root');
    expect(areaOf('/api')).toBe('Root');
  });

  it('skips parameters of any framework style', () => {
    expect(areaOf('/{tenant}/reports')).toBe('Reports');
    expect(areaOf('/:org/members')).toBe('Members');
    expect(areaOf('/[slug]/posts')).toBe('Posts');
  });

  it('title-cases kebab, snake and camel case', () => {
    expect(titleCase('sync-instances')).toBe('Sync Instances');
    expect(titleCase('stripe_routes')).toBe('Stripe Routes');
    expect(titleCase('userProfiles')).toBe('User Profiles');
  });
});
