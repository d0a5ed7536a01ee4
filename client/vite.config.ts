import vue from '@vitejs/plugin-vue'
import { defaultClientConditions, defineConfig } from 'vite'
import { sizeBudget } from './build/size-budget.js'

const server = 'http://localhost:3000'

export default defineConfig({
  plugins: [vue(), sizeBudget({ firstScreenKiB: 90 })],
  resolve: { conditions: ['@rembuk/source', ...defaultClientConditions] },
  define: {
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    proxy: {
      '/health': server,
      '/api': server,
      '/collab': { target: server, ws: true },
      '/socket.io': { target: server, ws: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true },
})
