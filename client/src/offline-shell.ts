/**
 * Keeps the app itself (page, scripts, last answers of the API) in the browser so that it opens offline. The
 * scripts loaded before the service worker took over are handed to it to keep as well.
 */
export function registerOfflineShell(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return
  window.addEventListener('load', async () => {
    try {
      await navigator.serviceWorker.register('/sw.js')
      const ready = await navigator.serviceWorker.ready
      const urls = performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name))
        .filter((url) => url.origin === location.origin && url.pathname.startsWith('/assets/'))
        .map((url) => url.pathname)
      ready.active?.postMessage({ type: 'keep-assets', urls })
    } catch {
      // Without a service worker the app still works online.
    }
  })
}

/** Forgets the cached API answers, e.g. when the member signs out on a shared device. */
export async function forgetCachedAnswers(): Promise<void> {
  if ('caches' in window) await caches.delete('rembuk-api')
}
