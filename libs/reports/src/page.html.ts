import { SEOUL_OFFSET_MS, type Label, type Language } from '@provision/domain';
import { html, rawHtml, type SafeHtml } from '@provision/util';

// Constant, trusted markup: the pages carry no script, and the stylesheet is inline so the
// Content-Security-Policy can stay `default-src 'none'`.
const STYLE = rawHtml(`<style>
body{font-family:system-ui,'Apple SD Gothic Neo','Malgun Gothic',sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1a1a1a;line-height:1.5}
table{border-collapse:collapse;width:100%;margin:0.5rem 0 1.5rem}
th,td{border:1px solid #bbb;padding:0.35rem 0.5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}
section{margin-bottom:2.5rem}
.muted{color:#555}
</style>`);

/** The Content-Security-Policy the pages are served with: nothing runs, nothing loads. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A whole HTML document; every interpolated value is escaped by `html`. */
export function page(language: Language, title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${STYLE}
</head>
<body>
<h1>${title}</h1>
${body}
</body>
</html>
`.toString();
}

const pad = (value: number) => String(value).padStart(2, '0');

/** An instant as a Korean reader expects it: the Seoul wall clock to the minute, `2026-03-01 12:00 KST`. */
export function seoulTime(instant: Date, language: Language): string {
  const wall = new Date(instant.getTime() + SEOUL_OFFSET_MS);
  const text = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
  return language === 'ko' ? `${text} (한국 시간)` : `${text} KST`;
}

/** A list of labels in one language, comma-separated. */
export function labels(values: readonly Label[], language: Language): string {
  return values.map((value) => value[language]).join(', ');
}
