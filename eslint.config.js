// One lint setup for the whole repo (run by `npm test`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '**/dist/', '.data/', 'backend/migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read the environment in backend/src/env.ts only.' }],
    },
  },
  {
    // Tests, the benchmark and the add-in build scripts are tools around the product: they may read their own settings.
    files: ['test/**', '**/*.test.ts', 'drizzle.config.ts', 'addin-*/build.ts', 'addin-*/dev.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['backend/src/env.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
