// The day and month windows of a budget, in the user's time zone: across midnights, month ends,
// leap days and daylight-saving changes (one that skips midnight itself included).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { isKnownTimeZone, localDay, windowStart } from '../../src/core/budget/spendWindow';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

test('a day starts at the local midnight, on either side of it', () => {
  const cases: [string, string, string][] = [
    // zone, instant, the start of its local day (UTC)
    ['UTC', '2026-12-03T23:59:59Z', '2026-12-03T00:00:00.000Z'],
    ['UTC', '2026-12-04T00:00:00Z', '2026-12-04T00:00:00.000Z'],
    ['America/Los_Angeles', '2026-12-04T07:59:59Z', '2026-12-03T08:00:00.000Z'], // 23:59:59 on the 3rd in LA
    ['America/Los_Angeles', '2026-12-04T08:00:00Z', '2026-12-04T08:00:00.000Z'], // midnight of the 4th
    ['Asia/Kolkata', '2026-12-03T18:29:59Z', '2026-12-02T18:30:00.000Z'], // +05:30
    ['Asia/Kolkata', '2026-12-03T18:30:00Z', '2026-12-03T18:30:00.000Z'],
    ['Asia/Kathmandu', '2026-12-03T18:15:00Z', '2026-12-03T18:15:00.000Z'], // +05:45
    ['Pacific/Kiritimati', '2026-12-03T10:00:00Z', '2026-12-03T10:00:00.000Z'], // +14: already the 4th
  ];
  for (const [zone, instant, start] of cases) {
    assert.equal(iso(windowStart(at(instant), 'day', zone)), start, `${zone} ${instant}`);
  }
});

test('a month starts on the local first, across month and year ends and a leap day', () => {
  const cases: [string, string, string][] = [
    ['UTC', '2026-12-31T23:59:59Z', '2026-12-01T00:00:00.000Z'],
    ['UTC', '2027-01-01T00:00:00Z', '2027-01-01T00:00:00.000Z'],
    // Still 31 December in New York while it is 1 January in UTC.
    ['America/New_York', '2027-01-01T04:59:59Z', '2026-12-01T05:00:00.000Z'],
    ['America/New_York', '2027-01-01T05:00:00Z', '2027-01-01T05:00:00.000Z'],
    // Already 1 March in Auckland (+13 in summer) while it is 29 February in UTC.
    ['Pacific/Auckland', '2028-02-29T11:00:00Z', '2028-02-29T11:00:00.000Z'],
    ['Pacific/Auckland', '2028-02-29T10:59:59Z', '2028-01-31T11:00:00.000Z'],
    ['UTC', '2028-02-29T12:00:00Z', '2028-02-01T00:00:00.000Z'],
  ];
  for (const [zone, instant, start] of cases) {
    assert.equal(iso(windowStart(at(instant), 'month', zone)), start, `${zone} ${instant}`);
  }
});

test('daylight-saving changes: the window starts at the local midnight with that day\'s offset', () => {
  // Europe/Berlin: 29 March 2026 the clocks go 02:00 → 03:00; the day began at 00:00 CET (+01).
  assert.equal(iso(windowStart(at('2026-03-29T20:00:00Z'), 'day', 'Europe/Berlin')), '2026-03-28T23:00:00.000Z');
  // The next day starts at 00:00 CEST (+02).
  assert.equal(iso(windowStart(at('2026-03-30T10:00:00Z'), 'day', 'Europe/Berlin')), '2026-03-29T22:00:00.000Z');
  // A month whose first was in winter time, asked in summer time (Sydney: April, DST ends 5 April 2026).
  assert.equal(iso(windowStart(at('2026-04-20T00:00:00Z'), 'month', 'Australia/Sydney')), '2026-03-31T13:00:00.000Z');
  // America/Havana skips midnight itself (00:00 → 01:00 on 8 March 2026): the day starts at 01:00 local.
  assert.equal(iso(windowStart(at('2026-03-08T12:00:00Z'), 'day', 'America/Havana')), '2026-03-08T05:00:00.000Z');
});

test('the local day of an instant, and zones the runtime does not know', () => {
  assert.equal(localDay(at('2026-12-04T07:59:59Z'), 'America/Los_Angeles'), '2026-12-03');
  assert.equal(localDay(at('2026-12-04T08:00:00Z'), 'America/Los_Angeles'), '2026-12-04');
  assert.equal(isKnownTimeZone('Europe/Berlin'), true);
  assert.equal(isKnownTimeZone('Mars/Olympus_Mons'), false);
});
