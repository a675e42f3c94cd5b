// String.prototype.toWellFormed ships in Node 20 (ES2024); the rest of ES2024 does not, so only this is declared.
interface String {
  toWellFormed(): string;
}

declare module 'virtual:templates' {
  /** Precompiled Handlebars specs keyed by template path without `.hbs`, e.g. `base/pyproject.toml`. */
  const templates: Record<string, TemplateSpecification>;
  export default templates;
}
