/** @lezer/python's module source (either build) with its encoded parse tables replaced by the decoded ones. */
export function withDecodedTables(source: string): string;
/** @lezer/python's module source (either build) without the highlighting props and their import. */
export function withoutHighlighting(source: string): string;
/** @lezer/python's module source as the bundle gets it: decoded tables, no highlighting. */
export function forValidation(source: string): string;
