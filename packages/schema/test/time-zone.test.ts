import { parsePeriod, periodEnd, submissionDeadline } from '@sunan/schema';
import { describe, expect, it } from 'vitest';

describe('time zone of the run', () => {
  it('runs under one of the two configured zones, with the same calendar dates', () => {
    expect(['Asia/Shanghai', 'America/Los_Angeles']).toContain(process.env.TZ);
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(process.env.TZ);
    const p = parsePeriod('2022Q4');
    if (!p) throw new Error('setup');
    expect(periodEnd(p)).toBe('2022-12-31');
    expect(submissionDeadline(p)).toBe('2023-01-20');
  });
});
