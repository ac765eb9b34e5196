// The harness that finds text not drawn from a message: it must catch a literal in text, in an
// aria-label, in a title and in a placeholder, and let messages, data and punctuation through.
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { useI18n } from '../../lib/i18n/use-i18n';
import { installPseudoLocale, strayPart, strayTexts } from './i18n-harness';

describe('strayPart', () => {
  it('takes out messages, data and punctuation', () => {
    expect(strayPart('⟦Turn off on ⟧example.com⟦⟧', ['example.com'])).toBeUndefined();
    expect(strayPart('“⟦Київ⟧” → Kyiv · ⟦1 234⟧', ['Kyiv'])).toBeUndefined();
  });

  it('keeps letters and digits that are neither', () => {
    expect(strayPart('⟦Turn off on ⟧example.com⟦⟧', [])).toBe('example.com');
    expect(strayPart('3 mentions', [])).toBe('3 mentions');
    expect(strayPart('⟦Loading…⟧ 12', [])).toBe('12');
  });
});

describe('strayTexts', () => {
  function View({ literal }: { literal: boolean }) {
    const { t } = useI18n();
    return h('div', {},
      h('button', { 'aria-label': literal ? 'Close card' : t('card.close') }, t('card.close')),
      h('input', { placeholder: literal ? 'example.com' : t('common.loading') }),
      h('span', { title: literal ? 'Date from the page' : t('common.undo') }, 'Київ'),
      literal ? h('p', {}, 'Nothing here yet.') : h('p', {}, t('common.loading'), ' · ', '2024'),
    );
  }

  it('finds each literal, and nothing in the same view drawn from messages and data', async () => {
    installPseudoLocale();
    const host = document.createElement('div');
    await act(() => render(h(View, { literal: false }), host));
    expect(strayTexts(host, ['Київ', '2024'])).toEqual([]);
    await act(() => render(h(View, { literal: true }), host));
    expect(strayTexts(host, ['Київ', '2024'])).toEqual([
      '<button aria-label>: "Close card" (left: "Close card")',
      '<input placeholder>: "example.com" (left: "example.com")',
      '<span title>: "Date from the page" (left: "Date from the page")',
      '<p> text: "Nothing here yet." (left: "Nothing here yet.")',
    ]);
    render(null, host);
  });
});
