// Lint rules, including the layer boundaries of DESIGN.md (also checked by test/architecture.test.ts).
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'coverage/**', 'bench/out/**', '.tmp/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['engine/**/*.ts'],
    ignores: ['engine/node/**', 'engine/**/*.test.ts'],
    rules: restrict([
      { group: ['node:*', 'fs', 'path', 'os', 'worker_threads', 'child_process'], message: 'engine/ is platform-free; Node code goes in engine/node/' },
      { group: ['electron', 'react', 'react-dom', 'zustand', 'echarts', 'echarts/*'], message: 'engine/ imports no UI or Electron' },
      { group: ['**/renderer/**', '**/main/**'], message: 'engine/ never imports renderer/ or main/' },
    ]),
  },
  {
    files: ['engine/node/**/*.ts'],
    rules: restrict([
      { group: ['electron', 'react', 'react-dom', 'zustand', 'echarts', 'echarts/*'], message: 'engine/ imports no UI or Electron' },
      { group: ['**/renderer/**', '**/main/**'], message: 'engine/ never imports renderer/ or main/' },
    ]),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/engine-client.ts', 'renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/engine/**', '!**/engine/**/*-types', '!**/engine/protocol'], message: 'renderer/ reaches the engine only through engine-client.ts', allowTypeImports: true },
            { group: ['electron', 'node:*'], message: 'renderer/ reaches the OS only through host.ts' },
            { group: ['**/main/*', '!**/main/host-api'], message: 'renderer/ may only import types from main/host-api' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: restrict([
      { group: ['**/engine/**', '**/renderer/**'], message: 'main/ never imports engine/ or renderer/' },
      { group: ['react', 'react-dom', 'zustand', 'echarts', 'echarts/*', 'apache-arrow'], message: 'main/ does OS things only' },
    ]),
  },
);
