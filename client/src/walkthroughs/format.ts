/** A lesson time (YYYY-MM-DDTHH:mm, the school's own clock) as people write it, e.g. "Selasa, 7 April 2026 09.00". */
export function formatLesson(value: string, locale: string): string {
  const time = new Date(`${value}:00Z`)
  if (Number.isNaN(time.getTime())) return value
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  }).format(time)
}
