/** @lezer/python's CommonJS source with its encoded parse tables replaced by the decoded ones. */
export function withDecodedTables(source: string): string;
