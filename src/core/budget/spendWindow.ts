// The day and the month a spend counts in, in the user's time zone: a cap of 2,000 a day starts
// again at the user's midnight, not UTC's, and a month on the user's first of the month. Pure: the
// zone is a parameter (an IANA name; the host passes its own), so tests cross midnights, month
// ends and daylight-saving changes in any zone.

export type WindowKind = 'day' | 'month';

interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let existing = formatters.get(timeZone);
  if (!existing) {
    existing = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });
    formatters.set(timeZone, existing);
  }
  return existing;
}

/** The wall-clock time at `instant` in `timeZone`, written as if it were UTC (milliseconds). */
function wallClock(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

function localDate(instant: number, timeZone: string): LocalDate {
  const wall = new Date(wallClock(instant, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

function dateValue(date: LocalDate): number {
  return Date.UTC(date.year, date.month - 1, date.day);
}

/** Whether `timeZone` is a zone this runtime knows (a setting or an environment may name another). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The user's time zone as the runtime knows it. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * The instant the day or month holding `now` began in `timeZone`. Where a zone skips midnight
 * (a daylight-saving change at 00:00), the window begins at the first instant of that date.
 */
export function windowStart(now: number, kind: WindowKind, timeZone: string): number {
  const today = localDate(now, timeZone);
  const target = dateValue(kind === 'day' ? today : { ...today, day: 1 });
  // The offset at the target is close to the offset now; two rounds settle a DST change between them.
  let guess = target - (wallClock(now, timeZone) - now);
  for (let round = 0; round < 2; round++) guess = target - (wallClock(guess, timeZone) - guess);
  // The first instant whose local date is the target's: search a few hours either side by halves.
  let low = guess - 3 * 3_600_000;
  let high = guess + 3 * 3_600_000;
  while (high - low > 1_000) {
    const middle = Math.floor((low + high) / 2);
    if (dateValue(localDate(middle, timeZone)) >= target) high = middle;
    else low = middle;
  }
  return high - (high % 1_000);
}

/** The local date of `instant` as `YYYY-MM-DD` (for spend by day). */
export function localDay(instant: number, timeZone: string): string {
  const { year, month, day } = localDate(instant, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
