import { onScopeDispose, type ShallowRef, shallowRef } from 'vue'
import type * as Y from 'yjs'
import { type MapGraph, mapGraph } from './map-graph.js'

/** The map's graph, read again whenever its document changes, here or on another device. */
export function useMapGraph(doc: Y.Doc): ShallowRef<MapGraph> {
  const graph = shallowRef(mapGraph(doc))
  let drawn = JSON.stringify(graph.value)
  const refresh = () => {
    const next = mapGraph(doc)
    const fingerprint = JSON.stringify(next)
    // Typing in a lane's text changes nothing drawn: each field follows its own Y.Text.
    if (fingerprint === drawn) return
    drawn = fingerprint
    graph.value = next
  }
  const roots = [doc.getMap('activity'), doc.getMap('lanes'), doc.getArray('links')]
  for (const root of roots) root.observeDeep(refresh)
  onScopeDispose(() => {
    for (const root of roots) root.unobserveDeep(refresh)
  })
  return graph
}
