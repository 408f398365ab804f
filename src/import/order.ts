/** One order for everything the generator sorts: by code point, so no locale (LANG, ICU data) changes the output. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
