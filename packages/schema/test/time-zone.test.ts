// @time-zones: dates must not depend on the machine's zone
import { beijingIso, beijingTime, parsePeriod, periodEnd, submissionDeadline } from '@sunan/schema';
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

describe('one clock for people (Beijing time, zone marked), whatever the machine’s zone', () => {
  // 15:50 UTC on 3 Dec is 23:50 on 3 Dec in Beijing and 07:50 in Los Angeles: a formatter that used
  // the machine's zone would show either date in one of the two runs.
  const utc = '2026-12-03T15:50:52.809Z';

  it('for people: Beijing time to the minute, 北京时间 UTC+8 marked, Chinese and English', () => {
    expect(beijingTime(utc)).toBe('2026-12-03 23:50（北京时间 UTC+8）');
    expect(beijingTime(utc, 'en')).toBe('2026-12-03 23:50 (Beijing time, UTC+8)');
    expect(beijingTime(utc, 'zh', 'short')).toBe('2026-12-03 23:50 UTC+8');
    expect(beijingTime(utc, 'zh', 'none')).toBe('2026-12-03 23:50');
    // Past midnight UTC+8 the date turns while UTC still shows the day before.
    expect(beijingTime('2026-12-03T16:02:00Z')).toBe('2026-12-04 00:02（北京时间 UTC+8）');
    expect(beijingTime(new Date('2026-12-04T02:02:00Z'))).toBe('2026-12-04 10:02（北京时间 UTC+8）');
  });

  it('for machines: ISO 8601 with +08:00, the same instant', () => {
    const iso = beijingIso(utc);
    expect(iso).toBe('2026-12-03T23:50:52.809+08:00');
    expect(Date.parse(iso)).toBe(Date.parse(utc));
    expect(beijingIso(new Date(Date.parse(utc)))).toBe(iso);
  });

  it('text that is not a time is left as it is', () => {
    expect(beijingTime('未知')).toBe('未知');
    expect(beijingIso('')).toBe('');
  });
});
