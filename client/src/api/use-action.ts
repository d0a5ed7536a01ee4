import { ref } from 'vue'

/** What a form sends to the server: whether it is under way, and the server's refusal when it failed. */
export function useAction() {
  const busy = ref(false)
  const error = ref('')

  /** Runs `action`; answers whether it succeeded, keeping the refusal's message in `error` when not. */
  async function run(action: () => Promise<unknown>): Promise<boolean> {
    busy.value = true
    error.value = ''
    try {
      await action()
      return true
    } catch (e) {
      error.value = (e as Error).message
      return false
    } finally {
      busy.value = false
    }
  }

  return { busy, error, run }
}
