/** "Did you mean" (relations/events/nearest.ts): plain same names, typos and added words; never a coincidence. */
import { describe, expect, it } from 'vitest';
import { nearestKind, wordsOf } from '../../src/core/relations/events/nearest';

describe('nearestKind', () => {
  it('splits names into words', () => {
    expect(wordsOf('jobStatus')).toEqual(['job', 'status']);
    expect(wordsOf('access_token')).toEqual(['access', 'token']);
    expect(wordsOf('HTTPStatusCode')).toEqual(['http', 'status', 'code']);
    expect(wordsOf('job-status.v2')).toEqual(['job', 'status', 'v2']);
  });

  const near: Array<[string, string[], string]> = [
    ['accessToken', ['access_token', 'refresh_token'], 'access_token'],
    ['username', ['user_name', 'email'], 'user_name'],
    ['status', ['welcome', 'jobStatus', 'stageUpdate'], 'jobStatus'],
    ['jobStatus', ['welcome', 'status', 'stageUpdate'], 'status'],
    ['price', ['name', 'unit_price'], 'unit_price'],
    ['avatar', ['avatarUrl', 'name'], 'avatarUrl'],
    ['deleteMonitr', ['deleteMonitor', 'addMonitor'], 'deleteMonitor'],
    ['unsubscribe', ['subscribe', 'ping'], 'subscribe'],
    ['passwd', ['password', 'email'], 'password'],
    ['user_adress', ['user_address', 'user_id'], 'user_address'],
  ];
  it.each(near)('%s is near %j: %s', (name, candidates, want) => expect(nearestKind(name, candidates)).toBe(want));

  const far: Array<[string, string[]]> = [
    ['user_id', ['user_notes', 'diagnostic_summary']], // readur: one whole word differs
    ['organization_id', ['tracking_id', 'dataset_id']], // trieve: ends alike, nothing more
    ['items', ['users']],
    ['passwd', ['password_hash']],
    ['id', ['user_id', 'org_id']], // as near to two names: no guess
    ['created_at', ['updated_at']],
  ];
  it.each(far)('%s is near none of %j', (name, candidates) => expect(nearestKind(name, candidates)).toBeNull());
});
