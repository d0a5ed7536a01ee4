// Run as plain JavaScript (`node --eval`, see competitors.ts) so no TypeScript loader sits in the measured
// process: keep this file free of type syntax. It prints the reference server's own ready line, `running at`.
process.env.HOST = '127.0.0.1'
await import(new URL('../src/server.js', import.meta.resolve('@y/websocket-server/utils')).href)
