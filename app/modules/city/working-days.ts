/** The calendar date (YYYY-MM-DD) of an instant in the city's time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

function nextDate(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay());

/**
 * The deadline `workingDays` working days after `start`: weekends and the city's holidays do not count,
 * and the deadline falls at the same time of day as the start (e.g. submitted Friday 15:00 with 1 working
 * day → Monday 15:00).
 */
export function addWorkingDays(start: Date, workingDays: number, holidays: ReadonlySet<string>, timeZone: string): Date {
  if (!Number.isInteger(workingDays) || workingDays < 0) throw new RangeError('workingDays must be a whole number ≥ 0');
  let day = localDate(start, timeZone);
  let calendarDays = 0;
  let counted = 0;
  while (counted < workingDays) {
    day = nextDate(day);
    calendarDays++;
    if (!isWeekend(day) && !holidays.has(day)) counted++;
  }
  return new Date(start.getTime() + calendarDays * 24 * 3600 * 1000);
}
