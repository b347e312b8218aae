/**
 * The text "Go to Route for URL" looks up: the selection, else the string literal around the cursor
 * (`'…'`, `"…"`, `` `…` ``, which is also a Markdown code span such as `` `GET /api/users` ``), else the
 * run of URL-ish characters around it (a URL in a curl line or in prose). Plain text in, plain text out, so
 * it is the same in code, tests and docs, and runs without the editor.
 */
export function urlAt(line: string, character: number, selection = ''): string {
  if (selection) return selection;
  for (const q of ['"', "'", '`']) {
    const start = line.lastIndexOf(q, character - 1);
    const end = line.indexOf(q, character);
    if (start >= 0 && end > start) return line.slice(start + 1, end);
  }
  const left = /[^\s()<>[\]'"`,]*$/.exec(line.slice(0, character))?.[0] ?? '';
  const right = /^[^\s()<>[\]'"`,]*/.exec(line.slice(character))?.[0] ?? '';
  return left + right;
}
