/** Markup that is already safe to put into a page: built only by {@link html} or {@link rawHtml}. */
export class SafeHtml {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

type HtmlValue = SafeHtml | string | number | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * Template tag for HTML pages: every interpolated string or number is escaped, nested `html`
 * fragments and arrays of them are inserted as they are, `null`/`undefined` render as nothing.
 *
 * @example html`<td>${partner.name}</td>` // a name like `<b>` shows as text, not markup
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let text = strings[0] ?? '';
  values.forEach((value, index) => {
    text += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(text);
}

/** Trusted markup that must not be escaped (a constant stylesheet, say); never pass input to it. */
export function rawHtml(text: string): SafeHtml {
  return new SafeHtml(text);
}
