/// <reference lib="dom" />
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, personContext, policyViolations, screenshots } from '../../support/browser.js'
import { post, type Session } from '../../support/school.js'
import { repoRoot, type ServerProcess, startServerProcess } from '../../support/server-process.js'

const run = promisify(execFile)
const shots = screenshots('demo-school')

describe('the principal of the demo school accounts for the tape ketan map', () => {
  let dataDir: string
  let server: ServerProcess
  let browser: Browser
  let page: Page
  let password = ''

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rembuk-browser-demo-'))
    const { stdout } = await run(
      process.execPath,
      [join(repoRoot, 'server', 'dist', 'cli', 'seed-demo.js')],
      {
        env: { ...process.env, REMBUK_DATA_DIR: dataDir },
      },
    )
    password = JSON.parse(stdout.trim().split('\n').at(-1) as string).password
    server = await startServerProcess(dataDir)
    browser = await launchChromium()
    page = await (await personContext(browser)).newPage()
  })
  afterAll(() => {
    expect(policyViolations).toEqual([])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('signs in and opens the map, where the chemistry lane shows the decision behind it', async () => {
    await page.goto(server.httpUrl)
    await page.fill('input[name=email]', 'kartini@demo.sch.id')
    await page.fill('input[name=password]', password)
    await page.getByRole('button', { name: 'Masuk' }).click()
    await page.getByTestId('map-link').first().click()
    const chemistry = page.locator('[data-testid=lane][data-subject^="Kimia"]')
    await expect.poll(() => chemistry.getByTestId('linked-decisions').getAttribute('data-count')).toBe('1')
    expect(await page.locator('.status-row [data-testid=linked-decisions]').getAttribute('data-count')).toBe(
      '1',
    )
    await shots.take(page, 'map-with-linked-decision')
  })

  it("reads the decision: the dispute kept in history, the outcome, a colleague's comment as it arrives, and the change made because of it", async () => {
    const chemistry = page.locator('[data-testid=lane][data-subject^="Kimia"]')
    await chemistry.getByTestId('linked-decisions').locator('summary').click()
    await chemistry.getByTestId('decision-link').click()
    await expect
      .poll(() => page.getByTestId('decision-title').textContent())
      .toBe('Fermentasi dua hari, bukan tiga')
    expect(await page.getByTestId('outcome').getAttribute('data-outcome')).toBe('accepted')
    expect(await page.getByTestId('earlier-position').count()).toBeGreaterThanOrEqual(2)

    const budi = await post<Session>(server.httpUrl, '/api/auth/login', {
      email: 'budi@demo.sch.id',
      password,
    })
    const decisionId = page.url().split('/').pop() as string
    await post(
      server.httpUrl,
      `/api/decisions/${decisionId}/comments`,
      { text: 'Uji coba XI-2 selesai.' },
      budi.token,
    )
    await expect
      .poll(() => page.getByTestId('decision-comment').allTextContents())
      .toContainEqual(expect.stringContaining('Uji coba XI-2 selesai.'))
    await shots.take(page, 'decision')

    const changedAt = await page.getByTestId('decision-change').getAttribute('data-revision')
    expect(Number(changedAt)).toBeGreaterThan(20)
    await page.getByTestId('decision-change').click()
    await expect.poll(() => page.getByTestId('replay-revision').getAttribute('data-revision')).toBe(changedAt)
    expect(await page.getByTestId('replay-activity').textContent()).toContain('selama dua hari')
    await shots.take(page, 'the-change')
  })

  it('watches the map being built from its first event', async () => {
    const head = Number(await page.getByTestId('scrubber').getAttribute('max'))
    await page.getByTestId('scrubber').evaluate((input) => {
      const range = input as HTMLInputElement
      range.value = '0'
      range.dispatchEvent(new Event('change', { bubbles: true }))
    })
    await expect.poll(() => page.getByTestId('replay-revision').getAttribute('data-revision')).toBe('0')
    expect(await page.getByTestId('replay-lane').count()).toBe(0)
    await page.getByTestId('speed').selectOption('10')
    await page.getByTestId('play').click()
    await expect.poll(() => page.getByTestId('replay-lane').count(), { timeout: 10_000 }).toBeGreaterThan(2)
    await shots.take(page, 'being-built')
    await expect
      .poll(() => page.getByTestId('replay-revision').getAttribute('data-revision'), { timeout: 20_000 })
      .toBe(String(head))
    expect(await page.getByTestId('replay-lane').count()).toBe(6)
  })

  it("prints the protocol meeting's minutes and downloads them as PDF", async () => {
    await page.goto(`${server.httpUrl}/keputusan`)
    await page.getByTestId('meeting-link').filter({ hasText: 'Rapat protokol Maret' }).click()
    await expect.poll(() => page.getByTestId('meeting-title').textContent()).toContain('Rapat protokol Maret')
    const minutes = page.getByTestId('minutes')
    await expect.poll(() => minutes.textContent()).toContain('Fermentasi dua hari, bukan tiga')
    expect(await minutes.textContent()).toContain('Pak Hendra Wijaya')
    await page.emulateMedia({ media: 'print' })
    await shots.take(page, 'minutes-printed')
    await page.emulateMedia({ media: 'screen' })
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('minutes-pdf').click(),
    ])
    const pdf = readFileSync(await download.path())
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
  })

  it("follows up April's classroom walkthroughs in the hub, without the observer's private notes", async () => {
    await page.goto(`${server.httpUrl}/observasi`)
    await page.getByTestId('to-hub').click()
    await expect.poll(() => page.getByTestId('hub-average').textContent()).toContain('11 hari')
    expect(await page.getByTestId('hub-loop').count()).toBe(2)
    expect(await page.getByTestId('hub-closed').textContent()).toContain(
      'Pak Agus Pratama mengamati Bu Wati Lestari',
    )
    await shots.take(page, 'walkthrough-hub')
    await page.getByTestId('hub-closed').getByRole('link').click()
    await expect.poll(() => page.getByTestId('walkthrough-timeline').textContent()).toContain('berkomitmen')
    expect(await page.getByTestId('observation').textContent()).toContain('hanya terlihat oleh kedua rekan')
    expect(await page.textContent('body')).not.toContain('Untuk saya sendiri')
    await shots.take(page, 'walkthrough-as-principal')
  })

  it('shows the school as it was when the March protocol meeting ended', async () => {
    await page.goto(`${server.httpUrl}/sekolah-pada`)
    await expect.poll(() => page.getByTestId('as-of-plan').count()).toBe(1)
    const latest = Number(await page.getByTestId('as-of-cut').getAttribute('data-position'))
    await page.getByTestId('as-of-meeting').selectOption({ index: 1 })
    await expect
      .poll(async () => Number(await page.getByTestId('as-of-cut').getAttribute('data-position')))
      .toBeLessThan(latest)
    expect(await page.getByTestId('as-of-plan').count()).toBe(0)
    expect(await page.getByTestId('as-of-map').textContent()).toContain('Proyek tape ketan kelas XI')
    await shots.take(page, 'as-of-march-meeting')
  })
})
