/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { lessonPlan } from '@rembuk/collab'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { launchChromium, personContext, policyViolations, screenshots } from '../../support/browser.js'
import { type CollabClient, connectClient } from '../../support/collab-clients.js'
import { getAs, type Session, setUpSchool } from '../../support/school.js'
import { type ServerProcess, startServerProcess } from '../../support/server-process.js'

const shots = screenshots('replay')

/** Moves the scrubber as a finger or the arrow keys would, and waits for that revision to be shown. */
async function scrubTo(page: Page, revision: number): Promise<void> {
  await page.getByTestId('scrubber').evaluate((input, value) => {
    const range = input as HTMLInputElement
    range.value = String(value)
    range.dispatchEvent(new Event('input', { bubbles: true }))
    range.dispatchEvent(new Event('change', { bubbles: true }))
  }, revision)
  await expect
    .poll(() => page.getByTestId('replay-revision').getAttribute('data-revision'))
    .toBe(String(revision))
}

/** The words of `<del>` or `<ins>` marks, without the text only screen readers get. */
const marked = (page: Page, tag: 'del' | 'ins') =>
  page
    .getByTestId('comparison')
    .locator(tag)
    .evaluateAll((marks) =>
      marks.map((mark) =>
        [...mark.childNodes]
          .filter((node) => !(node instanceof Element && node.classList.contains('sr-only')))
          .map((node) => node.textContent)
          .join(''),
      ),
    )

/** Setup waits (expect.poll belongs in tests): checks again every 50 ms until true or the time is up. */
async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const goalsShown = async (page: Page) =>
  (await page.getByTestId('replay-field-goals').locator('.text').textContent()) ?? ''

describe('a principal replays how a plan came about', () => {
  let dataDir: string
  let server: ServerProcess
  let browser: Browser
  let principal: Session
  let sari: CollabClient
  let docId = ''
  let page: Page
  const revisions: number[] = []

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rembuk-browser-replay-'))
    server = await startServerProcess(dataDir)
    browser = await launchChromium()
    const school = await setUpSchool(server.httpUrl)
    principal = school.principal
    const teacher = await school.member('teacher', 'Bu Sari')
    docId = (await school.plan('Tape ketan', [teacher])).docId
    sari = connectClient(server.collabUrl, docId, teacher.token)
    await sari.synced()
    const head = async () =>
      (await getAs<{ head: number }>(server.httpUrl, `/api/docs/${docId}/history?limit=1`, principal)).body
        .head
    const edit = async (change: (goals: Y.XmlFragment) => void) => {
      const before = await head()
      sari.doc.transact(() => change(lessonPlan(sari.doc).part('goals')))
      await until(async () => (await head()) > before)
      revisions.push(await head())
    }
    const firstParagraph = (goals: Y.XmlFragment) => goals.get(0) as Y.XmlElement
    await edit((goals) => firstParagraph(goals).insert(0, [new Y.XmlText('Fermentasi tiga hari.')]))
    await edit((goals) => {
      const text = firstParagraph(goals).get(0) as Y.XmlText
      text.delete(11, 4)
      text.insert(11, 'dua')
    })
    await edit((goals) => {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText('Siswa mengukur suhu.')])
      goals.push([paragraph])
    })
  })
  afterAll(() => {
    expect(policyViolations).toEqual([])
  })
  afterAll(async () => {
    sari?.destroy()
    await browser?.close()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('opens at the latest revision and tells in words who changed what', async () => {
    page = await (await personContext(browser, { session: principal })).newPage()
    await page.goto(`${server.httpUrl}/riwayat/${docId}`)
    const latest = revisions.at(-1) as number
    await expect
      .poll(() => page.getByTestId('replay-revision').getAttribute('data-revision'))
      .toBe(String(latest))
    expect(await goalsShown(page)).toBe('Fermentasi dua hari.\nSiswa mengukur suhu.')
    await expect
      .poll(() => page.getByTestId('timeline-entry').allTextContents())
      .toContainEqual(expect.stringContaining('Bu Sari mengubah Tujuan pembelajaran'))
    await shots.take(page, 'latest')
  })

  it('shows the text exactly as it was at any revision the scrubber moves to', async () => {
    const [first, second] = revisions as [number, number]
    await scrubTo(page, first)
    expect(await goalsShown(page)).toBe('Fermentasi tiga hari.')
    await shots.take(page, 'scrubbed-to-first-words')
    await scrubTo(page, second)
    expect(await goalsShown(page)).toBe('Fermentasi dua hari.')
    await scrubTo(page, 0)
    expect(await page.getByTestId('replay-field-goals').locator('.text').count()).toBe(0)
    await shots.take(page, 'scrubbed-to-start')
  })

  it('plays the plan being written, up to the latest revision', async () => {
    await page.getByTestId('speed').selectOption('10')
    await page.getByTestId('play').click()
    await expect
      .poll(() => page.getByTestId('replay-revision').getAttribute('data-revision'), { timeout: 10_000 })
      .toBe(String(revisions.at(-1)))
    expect(await goalsShown(page)).toBe('Fermentasi dua hari.\nSiswa mengukur suhu.')
  })

  it('compares two points word by word', async () => {
    await scrubTo(page, revisions[0] as number)
    await page.getByTestId('compare-a').click()
    await scrubTo(page, revisions.at(-1) as number)
    await page.getByTestId('compare-b').click()
    await expect.poll(() => marked(page, 'del')).toEqual(['tiga'])
    await expect.poll(() => marked(page, 'ins')).toContain('dua')
    await shots.take(page, 'compared')
  })

  it('restores the first words as a new event, which the open editor receives', async () => {
    await scrubTo(page, revisions[0] as number)
    page.once('dialog', (dialog) => void dialog.accept())
    await page.getByTestId('restore').click()
    await expect
      .poll(() => lessonPlan(sari.doc).part('goals').toString())
      .toBe('<paragraph>Fermentasi tiga hari.</paragraph>')
    const restoredAt = (revisions.at(-1) as number) + 1
    await expect
      .poll(() => page.getByTestId('replay-revision').getAttribute('data-revision'))
      .toBe(String(restoredAt))
    expect(await goalsShown(page)).toBe('Fermentasi tiga hari.')
    await scrubTo(page, revisions.at(-1) as number)
    expect(await goalsShown(page)).toBe('Fermentasi dua hari.\nSiswa mengukur suhu.')
    await shots.take(page, 'restored')
  })
})
