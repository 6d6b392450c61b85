// Flat config. The layering rules are the point: see docs/architecture.md (Layers).
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';

/** Plain-Node layers: never Electron, never the Electron adapters, never the renderer. */
const plainNodeRule = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'electron', message: 'The engine is plain Node: electron/engine (and electron/services) must not import electron.' }],
      patterns: [
        { regex: '(^|/)(main|preload|web)(/|$)', message: 'The engine must not import the Electron adapters (main, preload) or the twin host.' },
        { regex: '(^|/)renderer(/|$)', message: 'The engine must not import the renderer.' },
      ],
    },
  ],
};

/** One import style in electron/: relative imports name the file as Node runs it (".js"). */
const relativeWithoutExtension = '/^\\.\\.?\\/(?!.*\\.(js|mjs|cjs|json)$)/';
const importStyleRule = {
  'no-restricted-syntax': [
    'error',
    ...['ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration', 'ImportExpression'].map((node) => ({
      selector: `${node}[source.value=${relativeWithoutExtension}]`,
      message: 'Relative imports in electron/ end in .js (the file as Node runs it), e.g. "./frame.js".',
    })),
  ],
};

export const layeringRules = [
  { files: ['electron/engine/**/*.ts', 'electron/services/**/*.ts'], rules: plainNodeRule },
  {
    files: ['electron/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The contract is pure: no electron.' }],
          patterns: [{ regex: '(^|/)(engine|services|main|preload|web|renderer)(/|$)', message: 'The contract imports nothing from the other layers.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main only through the contract facade.' }],
          patterns: [
            {
              regex: '^(\\.\\./)+electron/(?!contract(/|$))',
              message: 'From the electron side the renderer may import only electron/contract.',
            },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['.tmp/**', 'out/**', 'dist/**', 'node_modules/**', 'test/e2e/artifacts/**', 'bench/results/**', 'coverage/**', 'release/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      // Layout of templates is Prettier's job (npm run format); these two rules disagree with it.
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
    },
  },
  ...layeringRules,
  { files: ['electron/**/*.ts'], rules: importStyleRule },
);
