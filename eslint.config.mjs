// ESLint 9 flat config: typescript-eslint's recommended rules plus Prettier, for src/.
import js from '@eslint/js';
import prettierRecommended from 'eslint-plugin-prettier/recommended';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'lib/',
      'coverage/',
      '.venv/',
      '.venv-*/',
      'jupyterlab_mlstudio/',
      'ui-tests/',
      '**/*.d.ts',
      // Generated from the server's OpenAPI document (jlpm api:types).
      'src/api/schema.ts',
      'tests/'
    ]
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      globals: { ...globals.browser }
    },
    rules: {
      '@typescript-eslint/naming-convention': [
        'error',
        {
          selector: 'interface',
          format: ['PascalCase'],
          custom: { regex: '^I[A-Z]', match: true }
        }
      ],
      '@typescript-eslint/no-unused-vars': ['warn', { args: 'none' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-namespace': 'off',
      '@typescript-eslint/no-use-before-define': 'off',
      curly: ['error', 'all'],
      eqeqeq: 'error',
      'prefer-arrow-callback': 'error'
    }
  },
  {
    files: ['src/__tests__/**/*.{ts,tsx}'],
    languageOptions: {
      globals: { ...globals.jest, ...globals.node }
    }
  },
  {
    files: ['*.js', '*.mjs'],
    languageOptions: {
      globals: { ...globals.node }
    }
  },
  prettierRecommended
);
