// Splits a migration file into its statements, so that each can be sent as a query of its own: Citus
// forwards a multi-statement query to its workers as one prepared statement and refuses it. A semicolon
// ends a statement only outside quoted strings ('…' with '' escapes, E'…' with backslash escapes),
// quoted identifiers ("…"), comments (-- to the end of the line, nested /* */) and dollar-quoted
// bodies ($$…$$, $tag$…$tag$), the same rules PostgreSQL's own lexer follows.

export class SqlSplitError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = "SqlSplitError";
  }
}

// PostgreSQL identifier characters: letters, digits, _ and $ (not first), and any non-ASCII character.
const IDENT_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

/**
 * The statements of `sql`, in order, each trimmed and without its closing semicolon. Stretches that hold
 * only comments or blanks are dropped. Throws a SqlSplitError on an unterminated string, identifier,
 * comment or dollar-quoted body, and on `BEGIN ATOMIC` function bodies (their inner semicolons are
 * unquoted: write the body dollar-quoted instead).
 */
export function splitSqlStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  // The statement's text outside comments and quotes, to tell code from comments and find BEGIN ATOMIC.
  let code = "";
  let i = 0;

  const finish = (end: number) => {
    if (code.trim()) {
      if (/\bbegin\s+atomic\b/i.test(code)) {
        throw new SqlSplitError("BEGIN ATOMIC function bodies cannot be split into statements; use a dollar-quoted body", start);
      }
      statements.push(sql.slice(start, end).trim());
    }
    code = "";
    start = end + 1;
  };

  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === ";") {
      finish(i);
      i += 1;
    } else if (c === "-" && next === "-") {
      const end = sql.indexOf("\n", i);
      i = end === -1 ? sql.length : end + 1;
      code += " ";
    } else if (c === "/" && next === "*") {
      i = skipBlockComment(sql, i);
      code += " ";
    } else if (c === "'") {
      i = skipString(sql, i, isEscapeStringPrefix(sql, i));
      code += " '' ";
    } else if (c === '"') {
      i = skipQuoted(sql, i, '"', "quoted identifier");
      code += ' "" ';
    } else if (c === "$" && !IDENT_PART.test(sql[i - 1] ?? " ")) {
      const tag = dollarTagAt(sql, i);
      if (tag) {
        const end = sql.indexOf(tag, i + tag.length);
        if (end === -1) throw new SqlSplitError(`unterminated dollar-quoted body ${tag}`, i);
        i = end + tag.length;
        code += " $$ ";
      } else {
        code += c;
        i += 1;
      }
    } else {
      code += c;
      i += 1;
    }
  }
  finish(sql.length);
  return statements;
}

function skipBlockComment(sql: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < sql.length) {
    if (sql.startsWith("/*", i)) {
      depth += 1;
      i += 2;
    } else if (sql.startsWith("*/", i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else {
      i += 1;
    }
  }
  throw new SqlSplitError("unterminated /* comment", from);
}

/** E'…' (or e'…'): the E must be a word of its own, not the end of an identifier such as `name'`. */
function isEscapeStringPrefix(sql: string, quote: number): boolean {
  const prefix = sql[quote - 1];
  return (prefix === "E" || prefix === "e") && !IDENT_PART.test(sql[quote - 2] ?? " ");
}

function skipString(sql: string, from: number, backslashEscapes: boolean): number {
  if (!backslashEscapes) return skipQuoted(sql, from, "'", "string");
  let i = from + 1;
  while (i < sql.length) {
    if (sql[i] === "\\") i += 2;
    else if (sql[i] === "'" && sql[i + 1] === "'") i += 2;
    else if (sql[i] === "'") return i + 1;
    else i += 1;
  }
  throw new SqlSplitError("unterminated string", from);
}

/** A run quoted by `quote`, where a doubled quote stands for itself ('it''s', "a""b"). */
function skipQuoted(sql: string, from: number, quote: string, what: string): number {
  let i = from + 1;
  for (;;) {
    const end = sql.indexOf(quote, i);
    if (end === -1) throw new SqlSplitError(`unterminated ${what}`, from);
    if (sql[end + 1] !== quote) return end + 1;
    i = end + 2;
  }
}

/** `$$` or `$tag$` at `at`; null for a parameter such as `$1` or a lone `$`. */
function dollarTagAt(sql: string, at: number): string | null {
  DOLLAR_TAG.lastIndex = at;
  const match = DOLLAR_TAG.exec(sql);
  return match ? match[0] : null;
}
