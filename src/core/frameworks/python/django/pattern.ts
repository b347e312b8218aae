/**
 * One URL pattern's route text in the canonical path form: `path()` converters (`<slug:s>` → `{s}`, `<int:pk>` → `{pk:int}`,
 * a whole `<path:p>` segment → `{...p}`) and `re_path()` regexes, whose named and unnamed groups become
 * parameters and whose `.*` tail is a catch-all. A regex construct that has no template form (a
 * character class outside a group, an alternation, an optional group) becomes a `{regex}` parameter and
 * the pattern is partial, with the reason.
 */

export interface PatternText {
  /** Canonical route text, to be concatenated with its prefix exactly as Django does (no `/` added). */
  readonly text: string;
  /** Why the text is not the pattern exactly; empty when it is. */
  readonly inexact: readonly string[];
}

/** `path("users/<int:pk>/")` route text. */
export function pathRoute(raw: string): PatternText {
  const text = raw.replace(/<(?:([A-Za-z_]\w*):)?([A-Za-z_]\w*)>/g, (all, conv: string | undefined, name: string, at: number) => {
    const whole = (at === 0 || raw[at - 1] === '/') && (at + all.length === raw.length || raw[at + all.length] === '/');
    if (conv === 'path' && whole) return `{...${name}}`;
    // `int` and `uuid` stay as `{pk:int}`: the matcher holds a call's literal segment to them.
    return conv === 'int' || conv === 'uuid' ? `{${name}:${conv}}` : `{${name}}`;
  });
  return { text, inexact: [] };
}

/** `re_path(r"^users/(?P<pk>\d+)/$")` route text: anchors dropped, groups as parameters. */
export function regexRoute(raw: string): PatternText {
  let re = raw.startsWith('^') ? raw.slice(1) : raw;
  re = re.replace(/(?:\$|\\Z)$/, '');
  const out = new RegexReader(re).read();
  return out;
}

/** A group body of digits only (`\d+`, `[0-9]+`): an `int` parameter. */
const DIGITS = /^(?:\\d|\[0-9\])\+$/;

/** A group body that may span segments: the pattern's catch-all. */
const SPANS_SEGMENTS = /^(?:\.\*|\.\+|\.\*\?|\.\+\?)$/;

class RegexReader {
  private i = 0;
  private text = '';
  private unnamed = 0;
  private readonly inexact: string[] = [];

  constructor(private readonly re: string) {}

  read(): PatternText {
    const re = this.re;
    while (this.i < re.length) {
      const ch = re[this.i]!;
      if (ch === '\\') this.escape();
      else if (ch === '(') this.group();
      else if (ch === '.' && /^\.[*+]\??$/.test(re.slice(this.i))) {
        this.text += '{...path}';
        this.i = re.length;
      } else if (ch === '?' && this.text.endsWith('/') && this.i === re.length - 1) {
        this.i++; // `users/?$`: the trailing slash is optional, which paths treat alike anyway
      } else if (ch === '.' && !/^[*+?{]/.test(re.slice(this.i + 1))) {
        this.text += '.'; // `favicon.ico`: an unescaped dot meant literally
        this.i++;
      } else if ('[]*+?|{}.'.includes(ch)) this.unsupported(ch === '[' ? this.classEnd() : this.i + 1);
      else {
        this.text += ch;
        this.i++;
      }
    }
    return { text: this.text, inexact: this.inexact };
  }

  private escape(): void {
    const next = this.re[this.i + 1] ?? '';
    if (/[A-Za-z0-9]/.test(next)) return this.unsupported(this.i + 2);
    this.text += next;
    this.i += 2;
  }

  private group(): void {
    const end = this.closing(this.i);
    if (end < 0) return this.unsupported(this.re.length);
    const inner = this.re.slice(this.i + 1, end);
    const quantified = /^[?*+{]/.test(this.re.slice(end + 1));
    const named = /^\?P<([A-Za-z_]\w*)>([\s\S]*)$/.exec(inner);
    if (quantified || (!named && inner.startsWith('?'))) return this.unsupported(end + 1 + (quantified ? 1 : 0));
    const name = named ? named[1]! : `arg${this.unnamed++}`;
    const body = named ? named[2]! : inner;
    const atEnd = end + 1 >= this.re.length || /^\/?\??$/.test(this.re.slice(end + 1));
    this.text += SPANS_SEGMENTS.test(body) && atEnd && (this.text === '' || this.text.endsWith('/')) ? `{...${name}}` : DIGITS.test(body) ? `{${name}:int}` : `{${name}}`;
    this.i = end + 1;
  }

  /** Index of the `)` closing the group opened at `open`, or -1. */
  private closing(open: number): number {
    let depth = 0;
    for (let j = open; j < this.re.length; j++) {
      const ch = this.re[j]!;
      if (ch === '\\') j++;
      else if (ch === '[') j = this.classEndFrom(j) - 1;
      else if (ch === '(') depth++;
      else if (ch === ')' && --depth === 0) return j;
    }
    return -1;
  }

  private classEnd(): number {
    return this.classEndFrom(this.i);
  }

  /** Index just past the character class opened at `open` (and its quantifier). */
  private classEndFrom(open: number): number {
    let j = open + 1;
    if (this.re[j] === '^') j++;
    if (this.re[j] === ']') j++;
    while (j < this.re.length && this.re[j] !== ']') j += this.re[j] === '\\' ? 2 : 1;
    return j + 1;
  }

  /** A construct with no template form, up to `end`: a `{regex}` parameter, and the pattern is partial. */
  private unsupported(end: number): void {
    let stop = end;
    for (;;) {
      const q = /^(?:[*+?]|\{\d*,?\d*\})/.exec(this.re.slice(stop));
      if (!q) break;
      stop += q[0].length;
    }
    const piece = this.re.slice(this.i, stop);
    if (!this.text.endsWith('{regex}')) this.text += '{regex}';
    this.inexact.push(`regex \`${piece}\` has no path template form`);
    this.i = stop;
  }
}
