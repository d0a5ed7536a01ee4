/**
 * Downloads a file the server gives only with the session's token: fetched with it, then saved from a blob URL
 * (a plain link would go without the token).
 */
export async function downloadWithToken(path: string, fileName: string, token: string | null): Promise<void> {
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} })
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { message?: string }
    throw new Error(body.message ?? `HTTP ${response.status}`)
  }
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
