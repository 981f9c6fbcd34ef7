import { escapeHtml } from './escape';

describe('escapeHtml', () => {
  it('turns every character that could end text or an attribute into a reference', () => {
    expect(escapeHtml(`<script>alert("x")</script>&'`)).toBe(
      '&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#38;&#39;',
    );
    expect(escapeHtml('粤B12345 ¥12.00')).toBe('粤B12345 ¥12.00');
  });
});
