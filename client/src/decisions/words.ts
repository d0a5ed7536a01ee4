import { useText } from '../i18n/index.js'

/** How the decision helpers reach the interface's words: `t`, and the picker for `{ id, en }` domain labels. */
export interface Words {
  t: (key: string, params?: Record<string, unknown>) => string
  label: (text: { id: string; en: string }) => string
}

export function useWords(): Words {
  const { t, label } = useText()
  return { t: (key, params) => t(key, params ?? {}), label }
}

/** A calendar day (YYYY-MM-DD) as people write it, e.g. "12 Maret 2026". */
export function formatDay(date: string, locale: string): string {
  const day = new Date(`${date}T00:00:00Z`)
  if (Number.isNaN(day.getTime())) return date
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(day)
}

/** Today as YYYY-MM-DD, in this device's time zone. */
export function today(now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}
