import { createI18n, useI18n } from 'vue-i18n'
import { en } from './en.js'
import { id, type Messages } from './id.js'

export type Locale = 'id' | 'en'
export const locales: readonly Locale[] = ['id', 'en']
const storageKey = 'rembuk.locale'

function initialLocale(): Locale {
  const stored = localStorage.getItem(storageKey)
  const locale = stored === 'en' || stored === 'id' ? stored : 'id'
  document.documentElement.lang = locale
  return locale
}

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'id',
  messages: { id, en },
  datetimeFormats: {
    id: { short: { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' } },
    en: { short: { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' } },
  },
})

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  localStorage.setItem(storageKey, locale)
  document.documentElement.lang = locale
}

let practicesLoaded: Promise<void> | undefined

/**
 * Adds the practices' texts (team teaching, walkthroughs, groups, item review, action research) to both
 * locales, once; their screens wait for it, so the first screen does not carry them.
 */
export function loadPracticeMessages(): Promise<void> {
  practicesLoaded ??= import('./practice-messages.js').then(
    ({ practiceMessages }) => {
      for (const locale of locales) i18n.global.mergeLocaleMessage(locale, practiceMessages(locale) as never)
    },
    () => {
      // Offline before the texts ever loaded: try again on the next screen; this one shows its keys.
      practicesLoaded = undefined
    },
  )
  return practicesLoaded
}

/** `t` and a picker for the shared `{ id, en }` labels of the domain. */
export function useText() {
  const { t, locale, d } = useI18n<{ message: Messages }, Locale>()
  return { t, d, locale, label: (text: { id: string; en: string }) => text[locale.value] }
}
