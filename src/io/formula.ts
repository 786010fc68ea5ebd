/**
 * Spreadsheet formula injection in CSV files we write, and undoing our own guard on import.
 *
 * Excel, LibreOffice and Google Sheets run a cell as a formula when it starts with = + - @, and
 * they get there more ways than a first glance suggests: after leading spaces or a line break in
 * the cell, with a leading tab or carriage return, or with the fullwidth forms ＝ ＋ － ＠ that
 * Japanese and Chinese input methods type (Excel converts them). Every such text cell is written
 * with a leading apostrophe, which spreadsheets show as text and never run.
 *
 * The guard must be undone on import without eating apostrophes the user typed. A cell that
 * already starts with apostrophes followed by a formula start (the user typed '=x) gets one more
 * apostrophe on export (''=x). Reading one of our files, exactly one leading apostrophe is
 * removed from a cell whose rest would have been guarded, so every text survives a round trip
 * exactly ('=x -> ''=x -> '=x, and =x -> '=x -> =x). Files written by anything else are read
 * literally: only our own export (recognised by its exact header row) had apostrophes added by us.
 */

/** A cell a spreadsheet would run: a formula sign, possibly after whitespace or a line break. */
const FORMULA_START = /^(?:[\t\r\n]|[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20])/;
/** The same, after any apostrophes the user typed. */
const GUARDED = /^'*(?:[\t\r\n]|[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20])/;

/** Makes a text cell safe to open in a spreadsheet (see the file comment). */
export function neutraliseCell(value: string): string {
  return GUARDED.test(value) ? `'${value}` : value;
}

/** Undoes `neutraliseCell` on a cell of a file we wrote (see the file comment). */
export function restoreCell(value: string): string {
  return value.startsWith("'") && GUARDED.test(value.slice(1)) ? value.slice(1) : value;
}

/** Would a spreadsheet run this cell as a formula? (for tests and checks) */
export function startsFormula(value: string): boolean {
  return FORMULA_START.test(value);
}
