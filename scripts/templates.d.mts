// Types of templates.mjs, for the tests that import it.
export const TEMPLATES_MODULE_ID: string;
export const TEMPLATE_HELPERS: readonly string[];
export const TEMPLATE_OPTIONS: Record<string, unknown>;
export function templatesModuleSource(templatesDir: string): string;
