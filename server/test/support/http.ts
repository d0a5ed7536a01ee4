import { io, type Socket } from 'socket.io-client'
import { WebSocket } from 'ws'
import type { TestServer } from './test-server.js'

/** One JSON request, as the given session (a token) or anonymous; the status and the parsed answer. */
export async function call(
  server: TestServer,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: the answers of the API under test, checked field by field
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.httpUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : undefined }
}

/** 101 when /collab accepted the upgrade, else the HTTP status it refused it with. */
export function handshakeStatus(server: TestServer, docId: string, token: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${server.collabUrl}/${docId}?token=${token}`)
    socket.on('open', () => {
      resolve(101)
      socket.close()
    })
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0)
      socket.terminate()
    })
    socket.on('error', () => undefined)
  })
}

/** A plain WebSocket on /collab, open, with how the server will close it. */
export async function openRawCollab(
  server: TestServer,
  docId: string,
  token: string,
): Promise<{ socket: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
  const socket = new WebSocket(`${server.collabUrl}/${docId}?token=${token}`)
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  return { socket, closed }
}

/** A socket.io connection signed in with this token, connected, that does not reconnect by itself. */
export async function connectedSocket(server: TestServer, token: string): Promise<Socket> {
  const socket = io(server.httpUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: { token },
    reconnection: false,
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', reject)
  })
  return socket
}
