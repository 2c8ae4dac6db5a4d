import { escapeHtml, html, rawHtml } from './html.js';

describe('html', () => {
  it('escapes interpolated text, so input cannot open a tag or leave an attribute', () => {
    const name = `<script>alert("x")</script> & 'co'`;
    expect(html`<td title="${name}">${name}</td>`.text).toBe(
      '<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</td>',
    );
  });

  it('inserts nested fragments and arrays as markup, and nothing for null', () => {
    const rows = ['a<b', 'c'].map((cell) => html`<li>${cell}</li>`);
    expect(html`<ul>${rows}${null}${undefined}</ul>`.text).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
    expect(html`<p>${3}</p>${rawHtml('<hr>')}`.toString()).toBe('<p>3</p><hr>');
  });

  it('leaves Korean text as it is', () => {
    expect(escapeHtml('개인정보 제3자 제공')).toBe('개인정보 제3자 제공');
  });
});
