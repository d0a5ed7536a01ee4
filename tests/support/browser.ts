/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import type { Session } from './school.js'
import { repoRoot } from './server-process.js'

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Debian's Chromium, headless, as the browser tests use it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH`,
    )
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  })
}

/** A low-end Android phone's screen. */
export const phone = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
}

/** Content Security Policy violations reported by any page of any context, to be checked as empty by a test. */
export const policyViolations: string[] = []

/** A browser context for one person; with a session, they are signed in already (as after an earlier login). */
export async function personContext(
  browser: Browser,
  options: { session?: Session; device?: typeof phone } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    ...(options.device ?? { viewport: { width: 1280, height: 900 } }),
    locale: 'id-ID',
  })
  context.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) policyViolations.push(message.text())
  })
  if (options.session) {
    await context.addInitScript((session) => {
      if (localStorage.getItem('test.signed-in')) return
      localStorage.setItem('test.signed-in', 'yes')
      localStorage.setItem('rembuk.session', session)
    }, JSON.stringify(options.session))
  }
  return context
}

/** Numbered screenshots of a test's steps under tests/artifacts/screenshots/<test>/. */
export function screenshots(test: string) {
  const dir = join(repoRoot, 'tests', 'artifacts', 'screenshots', test)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  let step = 0
  return {
    dir,
    async take(page: Page, name: string): Promise<void> {
      step += 1
      await page.screenshot({
        path: join(dir, `${String(step).padStart(2, '0')}-${name}.png`),
        fullPage: true,
      })
    },
  }
}

/** The text of a rich-text field as the page shows it, one line per paragraph, without colleagues' carets. */
export const fieldText = (page: Page, field: string) =>
  page
    .getByTestId(`field-${field}`)
    .first()
    .evaluate((editor) =>
      [...editor.children]
        .map((block) => {
          const copy = block.cloneNode(true) as Element
          for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove()
          return copy.textContent ?? ''
        })
        .join('\n'),
    )
