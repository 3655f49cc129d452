const pad = (n: number) => String(n).padStart(2, '0');

/** Local time of day as hh:mm (the resume offer's "started at"). */
export function timeOfDay(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Local date and time as yyyy-mm-dd hh:mm (the history list). */
export function dateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${timeOfDay(ms)}`;
}
