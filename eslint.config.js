// @ts-check
import eslint from '@eslint/js';
import rxjsX from 'eslint-plugin-rxjs-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '**/*.cjs', 'scripts/', 'bin/', 'eslint.config.js'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  rxjsX.configs.strict,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'rxjs-x/finnish': ['error', { functions: true, methods: true, names: { '^(canActivate|canActivateChild|canDeactivate|canLoad|intercept|resolve|validate)$': false }, parameters: true, properties: true, strict: false, types: { '^EventEmitter$': false }, variables: true }],
    },
  },
  {
    // The browser view's page (lib/web/static): plain browser JavaScript, no types to check.
    files: ['lib/web/static/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'script',
      globals: { window: 'readonly', document: 'readonly', EventSource: 'readonly', CSS: 'readonly', console: 'readonly', setInterval: 'readonly' },
    },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      ...Object.fromEntries(Object.keys(rxjsX.rules ?? {}).map((rule) => [`rxjs-x/${rule}`, 'off'])),
    },
  },
  {
    files: ['spec/**/*.ts'],
    rules: {
      // chai's `expect(x).to.be.true` style reads as an unused expression.
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
