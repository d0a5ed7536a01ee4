/** The parts of a V8 `.cpuprofile` (as `node --cpu-prof` writes it) that a summary needs. */
export interface CpuProfile {
  nodes: {
    id: number
    callFrame: { functionName: string; url: string; lineNumber: number }
    hitCount?: number
    children?: number[]
  }[]
  samples: number[]
  timeDeltas: number[]
}

interface Frame {
  name: string
  selfMs: number
  totalMs: number
  children: Map<string, Frame>
}

const idleFrames = new Set(['(idle)', '(program)'])

/** Where a function comes from: a package, a folder of this repository, Node itself, or V8. */
export function originOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)'
  if (url.startsWith('node:')) return 'node'
  const pnpm = url.match(/node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/)
  if (pnpm?.[1]) return pnpm[1]
  const plain = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)
  if (plain?.[1]) return plain[1]
  const ours = url.match(/\/(server|packages\/[^/]+)\/(?:dist|src)\/([^/]+)/)
  if (ours) return `${ours[1]}/${ours[2]?.replace(/\.js$/, '')}`
  return url
}

const label = (frame: CpuProfile['nodes'][number]['callFrame']) => {
  const name = frame.functionName || '(anonymous)'
  return frame.url ? `${name} ${originOf(frame.url, name)}:${frame.lineNumber + 1}` : name
}

/** Sample time per node id: each sample lasts until the next one. */
function sampleTimes(profile: CpuProfile): Map<number, number> {
  const times = new Map<number, number>()
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i] as number
    const next = profile.timeDeltas[i + 1] ?? 0
    times.set(id, (times.get(id) ?? 0) + Math.max(0, next) / 1000)
  }
  return times
}

/** The call tree with idle time left out, and the time by function and by origin. */
export function summarize(profile: CpuProfile, top = 25) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const times = sampleTimes(profile)
  const selfByFunction = new Map<string, number>()
  const selfByOrigin = new Map<string, number>()
  let busyMs = 0
  let idleMs = 0
  const root: Frame = { name: 'all', selfMs: 0, totalMs: 0, children: new Map() }
  const walk = (id: number, parent: Frame) => {
    const node = byId.get(id)
    if (!node) return 0
    const name = node.callFrame.functionName
    const self = times.get(id) ?? 0
    if (idleFrames.has(name) && parent === root) {
      idleMs += self
      return 0
    }
    const key = label(node.callFrame)
    let frame = parent.children.get(key)
    if (!frame) {
      frame = { name: key, selfMs: 0, totalMs: 0, children: new Map() }
      parent.children.set(key, frame)
    }
    frame.selfMs += self
    busyMs += self
    selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + self)
    const origin = originOf(node.callFrame.url, name)
    selfByOrigin.set(origin, (selfByOrigin.get(origin) ?? 0) + self)
    let total = self
    for (const child of node.children ?? []) total += walk(child, frame)
    frame.totalMs += total
    return total
  }
  const rootNode = profile.nodes[0]
  for (const child of rootNode?.children ?? []) root.totalMs += walk(child, root)
  const ranked = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), share: Number((ms / busyMs).toFixed(3)) }))
  return {
    busyMs: Math.round(busyMs),
    idleMs: Math.round(idleMs),
    selfByFunction: ranked(selfByFunction),
    selfByOrigin: ranked(selfByOrigin),
    tree: root,
  }
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function colorOf(name: string): string {
  if (name.includes(' server/') || name.includes(' packages/')) return '#e45756'
  if (name.includes(' node:') || / node:\d/.test(name)) return '#9d9d9d'
  if (name.includes(' yjs:') || name.includes(' lib0')) return '#4c78a8'
  if (name.includes('better-sqlite3')) return '#72b7b2'
  if (name.startsWith('(')) return '#bab0ac'
  return '#f58518'
}

/**
 * An icicle flame graph (callers on top, width = time on CPU, idle left out) as SVG; each box has a tooltip
 * with its full name and time. Boxes narrower than a pixel are left out.
 */
export function flameGraphSvg(tree: Frame, title: string, width = 1400): string {
  const rowHeight = 16
  const boxes: string[] = []
  let depth = 0
  const scale = tree.totalMs > 0 ? width / tree.totalMs : 0
  const draw = (frame: Frame, x: number, level: number) => {
    const w = frame.totalMs * scale
    if (w < 1) return
    depth = Math.max(depth, level)
    const y = 30 + level * rowHeight
    const tooltip = `${frame.name}: ${frame.totalMs.toFixed(0)} ms total, ${frame.selfMs.toFixed(0)} ms self`
    const text =
      w > 40
        ? `<text x="${(x + 3).toFixed(1)}" y="${y + 11}" font-size="10">${escapeXml(frame.name.slice(0, Math.floor(w / 6)))}</text>`
        : ''
    boxes.push(
      `<g><title>${escapeXml(tooltip)}</title><rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${rowHeight - 1}" fill="${colorOf(frame.name)}" rx="1"/>${text}</g>`,
    )
    let childX = x
    for (const child of [...frame.children.values()].sort((a, b) => b.totalMs - a.totalMs)) {
      draw(child, childX, level + 1)
      childX += child.totalMs * scale
    }
  }
  let x = 0
  for (const child of [...tree.children.values()].sort((a, b) => b.totalMs - a.totalMs)) {
    draw(child, x, 0)
    x += child.totalMs * scale
  }
  const height = 40 + (depth + 1) * rowHeight
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="monospace" role="img">`,
    `<title>${escapeXml(title)}</title>`,
    `<text x="0" y="18" font-size="13">${escapeXml(title)}</text>`,
    ...boxes,
    '</svg>',
    '',
  ].join('\n')
}
