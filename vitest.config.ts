import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { TEMPLATES_MODULE_ID, templatesModuleSource } from './scripts/templates.mjs';

const templatesDir = fileURLToPath(new URL('./templates', import.meta.url));

export default defineConfig({
  plugins: [
    {
      name: 'templates',
      resolveId: (id) => (id === TEMPLATES_MODULE_ID ? `\0${TEMPLATES_MODULE_ID}` : undefined),
      load: (id) => (id === `\0${TEMPLATES_MODULE_ID}` ? templatesModuleSource(templatesDir) : undefined),
    },
  ],
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/cleanup-setup.ts'],
    reporters: ['default', './test/support/no-skips-reporter.ts'],
    allowOnly: false,
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
