/** @lezer/python's module source (either build) with its encoded parse tables replaced by the decoded ones. */
export function withDecodedTables(source: string): string;
