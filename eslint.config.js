// Layer rules: a folder's name says where its code may run (see ../shared/docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const electronAtRunTime = {
  name: 'electron',
  allowTypeImports: true,
  message: 'Only main/shell may load electron at run time (import type is fine).',
};
const noNode = nodeBuiltins.map((name) => ({ name, message: 'This layer must not use Node APIs.' }));

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [electronAtRunTime] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronAtRunTime, ...noNode],
        patterns: [{ group: ['**/main/**', '**/renderer/**', 'react', 'react-dom'], message: 'shared/ is pure: it imports only shared/ and pure libraries.' }],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronAtRunTime, ...noNode],
        patterns: [{ group: ['**/main/**'], message: 'renderer/ talks to main only through the EdgeApi contract in shared/.' }],
      }],
    },
  },
  {
    files: ['main/core/**/*.ts', 'main/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronAtRunTime],
        patterns: [{ group: ['**/shell/**', '**/renderer/**'], message: 'main/core and main/cli never depend on the Electron shell or the renderer.' }],
      }],
    },
  },
  {
    files: ['main/shell/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
