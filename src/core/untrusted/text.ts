// Text from outside (device and service names chosen by whoever shares a device, server error messages) shown
// on a VS Code surface. Each surface interprets some syntax: notifications turn `[label](command:…)` into a
// clickable command link, the status bar, quick picks and tree items render `$(icon)`, Markdown tooltips render
// links, images and emphasis, and every surface shows newlines, control and bidi characters as whatever they do.
// These functions make such text inert and bounded while keeping it readable.

/** Long enough for any real device or service name, short enough that a 10 kB name cannot flood a surface. */
export const MAX_NAME_LENGTH = 120;
/** Server error text and log lines carry more, but still within reason. */
export const MAX_MESSAGE_LENGTH = 500;

/** C0/C1 controls, DEL, and the Unicode line/paragraph separators: shown as a space, so no text starts a new line. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** Bidi embeddings, overrides, isolates and marks: dropped, so a name cannot reorder the text around it. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** A surrogate half without its partner (what truncation or a broken server could leave). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** `$(name)`, `](target)`: the openings of an icon and of a link target, on every surface that renders them. */
const ICON_OR_LINK_TARGET = /([$\]])\(/g;
/** Characters CommonMark lets a backslash escape: all ASCII punctuation. */
const MARKDOWN_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/**
 * For plain-text surfaces: notification and modal messages, status bar text and tooltips given as strings,
 * quick pick labels/descriptions/details, input box titles and prompts, tree item labels and descriptions,
 * TreeView.message/description and log lines. One line, no control or bidi characters, at most `limit`
 * characters (an ellipsis marks a cut), and `$(…)` / `[…](…)` broken up by a space so neither renders as an
 * icon nor as a link — the text stays readable as what was typed.
 */
export function plain(text: unknown, limit = MAX_NAME_LENGTH): string {
  return bounded(text, limit);
}

/**
 * For text placed inside Markdown source: `MarkdownString` tooltips and `MarkdownString.appendMarkdown`, also
 * when the string is trusted for the extension's own command links. Every ASCII punctuation character is
 * backslash-escaped (after `plain`), so the text cannot open a link, autolink a URL, start emphasis, a heading,
 * a list, HTML or an icon.
 */
export function markdownLiteral(text: unknown, limit = MAX_NAME_LENGTH): string {
  return plain(text, limit).replace(MARKDOWN_PUNCTUATION, '\\$&');
}

/** One inert line of at most `limit` characters (code points, so no emoji is cut in half), ending in … when cut. */
function bounded(text: unknown, limit: number): string {
  const value = typeof text === 'string' ? text : text === undefined || text === null ? '' : String(text);
  // Only a prefix is examined, so a 10 MB name costs no more than a long one; the margin leaves room for the
  // characters dropped below.
  const examined = limit * 4 + 16;
  const line = value
    .slice(0, examined)
    .replace(BIDI, '')
    .replace(CONTROL, ' ')
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(ICON_OR_LINK_TARGET, '$1 (');
  const chars = Array.from(line);
  if (chars.length <= limit && value.length <= examined) return line;
  return `${chars.slice(0, Math.max(0, limit - 1)).join('').trimEnd()}…`;
}
