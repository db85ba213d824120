// The one way a name goes into SQL: quoted as a PostgreSQL identifier.

/** Quotes a PostgreSQL identifier. Use it for every name put into SQL, even one that passed `checkSlug`. */
export function quoteIdent(name: string): string {
  if (name.includes("\u0000")) throw new Error("Identifier contains a NUL character");
  return `"${name.replaceAll('"', '""')}"`;
}
