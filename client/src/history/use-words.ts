import { useText } from '../i18n/index.js'
import type { Words } from './doc-labels.js'

/** The interface's words for the history helpers. */
export function useWords(): Words {
  const { t, label } = useText()
  return { t: (key, params) => t(key, params ?? {}), label }
}
