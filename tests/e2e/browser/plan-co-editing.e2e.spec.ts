/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  fieldText,
  launchChromium,
  personContext,
  phone,
  policyViolations,
  screenshots,
} from '../../support/browser.js'
import { getAs, post, type Session } from '../../support/school.js'
import { type ServerProcess, startServerProcess } from '../../support/server-process.js'

const shots = screenshots('plan-co-editing')
const password = 'kata-sandi-rahasia'

describe('two teachers co-edit a joint plan in two browsers', () => {
  let dataDir: string
  let server: ServerProcess
  let browser: Browser
  let principal: Session
  let planUrl = ''
  let planDocId = ''

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rembuk-browser-'))
    server = await startServerProcess(dataDir)
    browser = await launchChromium()
  })
  afterAll(() => {
    expect(policyViolations).toEqual([])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const openPage = async (session?: Session, device?: typeof phone): Promise<Page> => {
    const context = await personContext(browser, { session, device })
    return context.newPage()
  }

  let sariPage: Page
  let budiPage: Page
  let budi: Session

  it('sets up the school on first run, invites a colleague who joins with the code', async () => {
    const page = await openPage()
    await page.goto(server.httpUrl)
    await expect.poll(() => page.getByTestId('sign-in').getAttribute('data-mode')).toBe('setup')
    await page.fill('input[name=schoolName]', 'SMA Negeri 1 Contoh')
    await page.fill('input[name=name]', 'Bu Kepala')
    await page.fill('input[name=email]', 'kepala@sekolah.sch.id')
    await page.fill('input[name=password]', password)
    await shots.take(page, 'setup')
    await page.getByRole('button', { name: 'Siapkan' }).click()
    await page.getByRole('heading', { name: 'Halo, Bu Kepala' }).waitFor()
    principal = JSON.parse((await page.evaluate(() => localStorage.getItem('rembuk.session'))) ?? '{}')
    expect(principal.user.role).toBe('principal')

    await page.getByRole('link', { name: 'Anggota sekolah' }).click()
    const invite = page.getByTestId('invite')
    await invite.locator('input[name=name]').fill('Bu Sari')
    await invite.locator('input[name=email]').fill('sari@sekolah.sch.id')
    await invite.getByRole('button', { name: 'Undang' }).click()
    const code = ((await page.getByTestId('invitation-code').textContent()) ?? '').trim()
    expect(code.length).toBeGreaterThan(10)
    await shots.take(page, 'invited')

    sariPage = await openPage(undefined, phone)
    await sariPage.goto(`${server.httpUrl}/masuk?kode=${encodeURIComponent(code)}`)
    await sariPage.fill('input[name=password]', password)
    await sariPage.getByRole('button', { name: 'Terima' }).click()
    await sariPage.getByRole('heading', { name: 'Halo, Bu Sari' }).waitFor()
    await shots.take(sariPage, 'sari-dashboard-phone')
  })

  it('lets a teacher start a plan and form its team', async () => {
    const invited = await post<{ invitation: { code: string } }>(
      server.httpUrl,
      '/api/members',
      { name: 'Pak Budi', email: 'budi@sekolah.sch.id', role: 'teacher' },
      principal.token,
    )
    budi = await post<Session>(server.httpUrl, '/api/auth/accept-invitation', {
      code: invited.invitation.code,
      password,
    })
    await sariPage.getByTestId('new-plan').click()
    await sariPage.fill('input[name=title]', 'Tape ketan: fermentasi')
    await sariPage.fill('input[name=grade]', 'XI')
    await sariPage.fill('input[name=subjects]', 'Matematika, Kimia, Biologi')
    await sariPage.getByRole('button', { name: 'Buat' }).click()
    await sariPage.getByTestId('plan-title').waitFor()
    planUrl = sariPage.url()
    await sariPage.getByTestId('team').locator('select').selectOption({ label: 'Pak Budi' })
    await sariPage.getByTestId('team').getByRole('button', { name: '+' }).click()
    await expect.poll(() => sariPage.getByTestId('team').textContent()).toContain('Pak Budi')
    const planId = planUrl.split('/').pop() ?? ''
    planDocId = (await getAs<{ docId: string }>(server.httpUrl, `/api/plans/${planId}`, budi)).body.docId
  })

  it('merges what both type into the same field at the same time', async () => {
    budiPage = await openPage(budi)
    await budiPage.goto(planUrl)
    for (const page of [sariPage, budiPage]) {
      await expect
        .poll(() => page.getByTestId('connection-state').getAttribute('data-state'))
        .toBe('connected')
    }
    await expect.poll(() => sariPage.getByTestId('peer').allTextContents()).toContain('Pak Budi')
    await sariPage.getByTestId('field-goals').click()
    await sariPage.keyboard.type('Tape ketan. ')
    await expect.poll(() => fieldText(budiPage, 'goals')).toBe('Tape ketan. ')
    await budiPage.getByTestId('field-goals').click()
    await sariPage.keyboard.press('Control+End')
    await budiPage.keyboard.press('Control+Home')
    await Promise.all([
      sariPage.keyboard.type('Siswa menimbang beras ketan.', { delay: 15 }),
      budiPage.keyboard.type('Siswa mengukur suhu setiap hari. ', { delay: 15 }),
    ])
    const merged = 'Siswa mengukur suhu setiap hari. Tape ketan. Siswa menimbang beras ketan.'
    for (const page of [sariPage, budiPage]) {
      await expect.poll(() => fieldText(page, 'goals'), { timeout: 10_000 }).toBe(merged)
    }
    expect(await fieldText(sariPage, 'goals')).toBe(await fieldText(budiPage, 'goals'))
    await expect
      .poll(() => sariPage.locator('.collaboration-carets__label').allTextContents())
      .toContain('Pak Budi')
    await shots.take(sariPage, 'merged-sari')
    await shots.take(budiPage, 'merged-budi')
  })

  it('keeps the edits of a teacher who goes offline and reloads, and delivers them when back online', async () => {
    const context = budiPage.context()
    await context.setOffline(true)
    await expect
      .poll(() => budiPage.getByTestId('connection-state').getAttribute('data-state'), { timeout: 15_000 })
      .not.toBe('connected')
    await budiPage.getByTestId('field-assessment').click()
    await budiPage.keyboard.type('Lembar pengamatan suhu (luring).', { delay: 10 })
    await expect.poll(() => budiPage.getByTestId('unsynced').getAttribute('data-count')).not.toBeNull()
    await shots.take(budiPage, 'offline-edit')

    const reloaded = await budiPage.reload()
    expect(reloaded?.fromServiceWorker()).toBe(true)
    await expect.poll(() => fieldText(budiPage, 'assessment')).toContain('Lembar pengamatan suhu (luring).')
    expect(Number(await budiPage.getByTestId('unsynced').getAttribute('data-count'))).toBeGreaterThan(0)
    await shots.take(budiPage, 'offline-after-reload')
    expect(await fieldText(sariPage, 'assessment')).not.toContain('luring')

    await context.setOffline(false)
    await expect
      .poll(() => fieldText(sariPage, 'assessment'), { timeout: 20_000 })
      .toContain('Lembar pengamatan suhu (luring).')
    await budiPage.getByTestId('all-synced').waitFor({ timeout: 20_000 })
    await shots.take(budiPage, 'back-online')
    await shots.take(sariPage, 'offline-edit-arrived')
  })

  it('shows a supervisor everything live, with a read-only badge, and changes nothing they type', async () => {
    const invited = await post<{ invitation: { code: string } }>(
      server.httpUrl,
      '/api/members',
      { name: 'Pak Pengawas', email: 'pengawas@dinas.go.id', role: 'supervisor' },
      principal.token,
    )
    const supervisor = await post<Session>(server.httpUrl, '/api/auth/accept-invitation', {
      code: invited.invitation.code,
      password,
    })
    const page = await openPage(supervisor)
    await page.goto(planUrl)
    await page.getByTestId('read-only').waitFor()
    await expect.poll(() => fieldText(page, 'goals')).toContain('Siswa menimbang beras ketan.')
    const before = await fieldText(sariPage, 'goals')
    expect(await page.getByTestId('field-goals').getAttribute('contenteditable')).toBe('false')
    await page.getByTestId('field-goals').click()
    await page.keyboard.type('Diubah pengawas')
    await sariPage.getByTestId('field-goals').click()
    await sariPage.keyboard.press('Control+End')
    await sariPage.keyboard.type('Selesai.')
    await expect.poll(() => fieldText(page, 'goals')).toContain('Selesai.')
    expect(await fieldText(page, 'goals')).not.toContain('Diubah pengawas')
    expect(await fieldText(sariPage, 'goals')).toBe(`${before}Selesai.`)
    await shots.take(page, 'supervisor-read-only')

    const history = await getAs<{ entries: { actorId: string }[] }>(
      server.httpUrl,
      `/api/docs/${planDocId}/history?from=0&limit=1000`,
      principal,
    )
    const writers = new Set(history.body.entries.map((entry) => entry.actorId))
    expect(writers.has(supervisor.user.memberId)).toBe(false)
    expect(writers.has(budi.user.memberId)).toBe(true)
  })

  it('takes the plan through review: submitted, feedback to the team, approved and locked', async () => {
    const principalPage = await openPage(principal)
    await sariPage.getByTestId('submit-plan').click()
    await expect.poll(() => sariPage.getByTestId('plan-status').getAttribute('data-status')).toBe('submitted')
    await sariPage.getByTestId('read-only').waitFor()

    await principalPage.goto(server.httpUrl)
    await principalPage.getByTestId('notifications').getByText('mengajukan').first().click()
    await principalPage.getByTestId('plan-title').waitFor()
    await principalPage.locator('textarea[name=feedback]').fill('Tambahkan indikator untuk grafik suhu.')
    await principalPage.getByRole('button', { name: 'Kirim masukan' }).click()
    await expect
      .poll(() => sariPage.getByTestId('plan-status').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('changes-requested')
    await expect.poll(() => sariPage.getByTestId('workflow').textContent()).toContain('grafik suhu')
    await shots.take(sariPage, 'feedback-received')

    await sariPage.getByTestId('submit-plan').click()
    await expect
      .poll(() => principalPage.getByTestId('plan-status').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('submitted')
    await principalPage.getByTestId('approve-plan').click()
    await expect
      .poll(() => budiPage.getByTestId('plan-status').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('approved')
    await budiPage.getByTestId('read-only').waitFor()
    expect(await budiPage.getByTestId('field-goals').getAttribute('contenteditable')).toBe('false')
    await shots.take(principalPage, 'approved')
  })

  it('signs out to the sign-in screen and forgets the session on the device', async () => {
    await budiPage.getByRole('button', { name: 'Keluar', exact: true }).click()
    await expect.poll(() => budiPage.getByTestId('sign-in').getAttribute('data-mode')).toBe('login')
    expect(await budiPage.evaluate(() => localStorage.getItem('rembuk.session'))).toBeNull()
    await budiPage.goto(planUrl)
    await budiPage.getByTestId('sign-in').waitFor()
  })
})
