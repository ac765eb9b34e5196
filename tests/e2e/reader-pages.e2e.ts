/**
 * The reader's own pages in the built extension: a page added without a date is corrected in the
 * reading room (date and title, checked, from the keyboard), and the card on another open tab, the
 * entity's timeline and the reading room then show the new values and "set by you"; a page about
 * nothing Backstory follows is asked about in the popup, and added when the reader says so.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddPageResult } from '../../core/protocol';
import { CardInspector, type ExtensionSession, hoverMention, launchExtension, waitForMarks } from './harness';
import { type StaticServer, startStaticServer } from './static-server';

const UNDATED = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Night shelling in Kostiantynivka</title></head>
<body><article><h1>Night shelling in Kostiantynivka</h1>
<p>Russian artillery shelled Kostiantynivka through the night, the regional governor said, damaging a school, two apartment blocks and the power line that feeds the water pumping station on the edge of town.</p>
<p>Volunteers who drive the road from Pokrovsk said the convoys now move only before dawn, because drones watch the highway during the day and strike anything that stops for more than a minute.</p>
<p>In Kramatorsk, officials opened another shelter for families leaving the towns closest to the front, and asked those who can still leave to do so before the heating season begins.</p>
</article></body></html>`;

const ELSEWHERE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Elsewhere</title></head><body><p>The road from Pokrovsk to Kostiantynivka is under fire, drivers say.</p></body></html>';

const GARDEN = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Growing tomatoes on a balcony</title></head>
<body><article><h1>Growing tomatoes on a balcony</h1>
<p>Tomatoes want six hours of sun, deep watering twice a week and a stake or a cage before the first trusses set, or the stems snap under the weight of the fruit in late summer.</p>
<p>Pinch out the side shoots of cordon varieties every few days, feed with a high-potash fertiliser once the first fruits swell, and keep the compost evenly moist to avoid split skins.</p>
<p>Bush varieties need no pinching and suit hanging baskets; pick the fruit as soon as it colours and let it finish ripening on a sunny windowsill indoors.</p>
</article></body></html>`;

const NEW_TITLE = 'Kostiantynivka shelled overnight, governor says';

describe('the reader’s own pages', () => {
  let session: ExtensionSession;
  let server: StaticServer;

  beforeAll(async () => {
    server = await startStaticServer();
    server.route('/undated.html', UNDATED);
    server.route('/elsewhere.html', ELSEWHERE);
    server.route('/garden.html', GARDEN);
    session = await launchExtension();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  async function ask<T>(message: unknown): Promise<T> {
    const reply = await session.request<T>(message);
    if (!reply.ok) throw new Error(reply.error?.message);
    return reply.value as T;
  }

  /** The card's excerpts from the reader's pages: date, its title (how it was found) and source. */
  async function ownExcerpts(card: CardInspector): Promise<{ datetime: string | null; date: string; how: string | null; source: string }[]> {
    return (await card.evaluate(`function () {
      return [...this.querySelectorAll('.bs-excerpt')].filter((item) => item.querySelector('.bs-tag')).map((item) => ({
        datetime: item.querySelector('time').getAttribute('datetime'),
        date: item.querySelector('time').textContent,
        how: item.querySelector('time').getAttribute('title'),
        source: item.querySelector('.bs-source').textContent,
      }));
    }`)) ?? [];
  }

  async function cardFor(page: Page, card: CardInspector, mention: string) {
    await hoverMention(page, mention);
    await card.waitForContent();
    return ownExcerpts(card);
  }

  it('corrects an added page’s date and title in the reading room; the card, the timeline and the list show them, set by you', async () => {
    const article = await session.context.newPage();
    await article.goto(server.url('/undated.html'));
    await session.scanReport(article);
    const added = await ask<AddPageResult>({ type: 'add-tab', tabId: await session.tabIdOf(article) });
    expect(added.source).toMatchObject({ title: 'Night shelling in Kostiantynivka', dateSource: 'added' });
    await article.close();

    // A card on another open tab, before the correction: dated the day it was added.
    const other = await session.context.newPage();
    await other.goto(server.url('/elsewhere.html'));
    await waitForMarks(other, 2);
    const card = await CardInspector.attach(other);
    const before = await cardFor(other, card, 'Pokrovsk');
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ datetime: added.source.date, source: 'Night shelling in Kostiantynivka' });
    expect(before[0]!.how).toMatch(/^Date from none found: this is the day the page was added/u);
    await other.keyboard.press('Escape');

    const panel = await session.context.newPage();
    await panel.setViewportSize({ width: 420, height: 900 });
    await panel.goto(session.extensionUrl('sidepanel.html#sources'));
    const edit = panel.getByRole('button', { name: 'Edit the date, title or site of “Night shelling in Kostiantynivka”' });
    await edit.waitFor();
    // Bundled sources have no Edit button.
    expect(await panel.getByRole('button', { name: /^Edit the date, title or site of/u }).count()).toBe(1);
    // Escape closes the form and gives the focus back to its button.
    await edit.focus();
    await panel.keyboard.press('Enter');
    const title = panel.getByLabel('Title', { exact: true });
    await expect.poll(() => title.evaluate((input) => input === document.activeElement)).toBe(true);
    await panel.keyboard.press('Escape');
    await expect.poll(() => panel.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Edit the date, title or site of “Night shelling in Kostiantynivka”');
    expect(await title.count()).toBe(0);
    await edit.click();
    await expect.poll(() => title.evaluate((input) => input === document.activeElement)).toBe(true);

    // Wrong values are explained next to their fields, and nothing is saved.
    await title.fill('   ');
    const date = panel.getByLabel('Date published');
    await date.fill('2999-01-01');
    await title.press('Enter');
    await panel.getByText('The title cannot be empty.').waitFor();
    expect(await panel.getByText(/The date cannot be later than today/u).count()).toBe(1);
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    expect((await ask<{ title: string }[]>({ type: 'list-sources' })).some((source) => source.title === 'Night shelling in Kostiantynivka')).toBe(true);

    // From the keyboard: type, then Enter saves.
    await title.fill(NEW_TITLE);
    await date.fill('2023-03-15');
    await date.press('Enter');
    await panel.getByRole('status').filter({ hasText: `Saved your changes to “${NEW_TITLE}”.` }).waitFor();
    const item = panel.locator('.bs-source-item').filter({ hasText: NEW_TITLE });
    await expect.poll(() => item.locator('time').getAttribute('datetime')).toBe('2023-03-15');
    expect(await item.locator('time').getAttribute('title')).toBe('Date set by you (confidence 100%)');
    expect(await item.locator('.bs-date-how').textContent()).toMatch(/^Date set by you: corrected on \d{4}-\d{2}-\d{2}; before: /u);
    await expect.poll(() => panel.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Edit');
    const stored = (await ask<{ title: string; date: string; dateSource: string; dateConfidence: number }[]>({ type: 'list-sources' }))
      .find((source) => source.title === NEW_TITLE);
    expect(stored).toMatchObject({ date: '2023-03-15', dateSource: 'reader', dateConfidence: 1 });

    // The card on the other tab reads the page afresh: the new date, set by you, under the new title.
    const after = await cardFor(other, card, 'Pokrovsk');
    expect(after).toEqual([{ datetime: '2023-03-15', date: 'Mar 15, 2023', how: 'Date set by you (confidence 100%)', source: NEW_TITLE }]);
    await card.detach();
    await other.close();

    // The entity's timeline has it in March 2023.
    await panel.goto(session.extensionUrl('sidepanel.html#entity=pokrovsk'));
    const list = panel.getByRole('list', { name: /^Excerpts about Pokrovsk/u });
    await list.locator('time[datetime="2023-03-15"]').first().waitFor();
    expect(await list.locator('time[datetime="2023-03-15"]').first().getAttribute('title')).toBe('Date set by you (confidence 100%)');
    await panel.close();
  });

  it('asks in the popup before adding a page about nothing Backstory follows, and adds it when told to', async () => {
    const garden = await session.context.newPage();
    await garden.goto(server.url('/garden.html'));
    await session.scanReport(garden);
    const popup = await session.context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(session.extensionUrl(`popup.html?tab=${await session.tabIdOf(garden)}`));
    await popup.getByText('No people, places or organisations of the war on this page.').waitFor();
    await popup.getByRole('button', { name: 'Add this page' }).click();
    const question = popup.getByRole('status').filter({ hasText: /names none of the people, places and organisations Backstory follows/u });
    await question.waitFor();
    expect(await question.textContent()).toMatch(/no card would ever show it \(search would still find it\)\. Add it anyway\?/u);
    const titles = async () => (await ask<{ title: string }[]>({ type: 'list-sources' })).map((source) => source.title);
    expect(await titles()).not.toContain('Growing tomatoes on a balcony');

    await popup.getByRole('button', { name: 'Add anyway' }).click();
    await popup.getByRole('status').filter({ hasText: /^Added: 3 excerpts/u }).waitFor();
    expect(await titles()).toContain('Growing tomatoes on a balcony');
    await popup.close();
    await garden.close();
  });
});
