/**
 * Text shown exactly as written where a host reads Markdown (Teams: a card's TextBlock and FactSet, a message's
 * text). Backslash escapes are CommonMark's, the Markdown Adaptive Cards implement a subset of. Only what could
 * start markup is escaped, so ordinary words ("CP-1042", "Children's social care") pass unchanged:
 * emphasis, code, links and images, autolinks and HTML, strikethrough, tables and entities anywhere; headings,
 * quotes, lists and underlines at the start of a line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>~|]/g, '\\$&')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/^([ \t]*)([#+=-])/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)([.)])/gm, '$1\\$2');
}
