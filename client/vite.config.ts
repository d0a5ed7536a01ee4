import vue from '@vitejs/plugin-vue'
import { defaultClientConditions, defineConfig } from 'vite'

const server = 'http://localhost:3000'

export default defineConfig({
  plugins: [vue()],
  resolve: { conditions: ['@rembuk/source', ...defaultClientConditions] },
  server: {
    proxy: {
      '/health': server,
      '/api': server,
      '/collab': { target: server, ws: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true },
})
