import vue from '@vitejs/plugin-vue'
import swc from 'unplugin-swc'
import { defineConfig } from 'vitest/config'

const sourceConditions = ['@rembuk/source', 'module', 'node', 'development|production']

const tier = (name: string, testTimeout: number) => ({
  extends: true as const,
  test: {
    name,
    include: [`{packages,server,client,tests}/**/*.${name}.spec.ts`],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout,
    hookTimeout: testTimeout,
  },
})

export default defineConfig({
  plugins: [
    vue(),
    swc.vite({
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
      },
    }),
  ],
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    pool: 'forks',
    projects: [tier('unit', 10_000), tier('int', 60_000), tier('e2e', 180_000)],
  },
})
