// Lint: TypeScript rules, no console in app code, and no `.server` modules imported from client-only code.
import tsParser from "@typescript-eslint/parser";
import tsPlugin from "@typescript-eslint/eslint-plugin";

export default [
  {
    ignores: [
      "node_modules/**",
      "build/**",
      "public/build/**",
      ".data/**",
      ".cache/**",
      "extensions/*/assets/**",
      "extensions/*/dist/**",
      // Written by the Shopify CLI on every build (each module's typed `shopify` global).
      "extensions/*/shopify.d.ts",
      "coverage/**",
      ".bench/**",
      "app/types/*.d.ts",
    ],
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parser: tsParser,
      parserOptions: { ecmaVersion: "latest", sourceType: "module", ecmaFeatures: { jsx: true } },
    },
    plugins: { "@typescript-eslint": tsPlugin },
    rules: {
      ...tsPlugin.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "no-console": "off",
    },
  },
  {
    files: ["app/**/*.ts", "app/**/*.tsx"],
    rules: { "no-console": "error" },
  },
  {
    // Client-side code (components, the widget) must never pull in secrets or the database.
    files: ["app/components/**/*.tsx", "extensions/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["*.server", "*.server.*", "**/*.server"], message: "Server-only module in client code" }] }],
    },
  },
];
