/** The byline cleaning rules of core/byline.ts, one by one, with the fixture pages' real bylines. */
import { describe, expect, it } from 'vitest';
import { cleanByline, isNavigationLinkText, isSiteName, titleCaseIfShouting } from '../../core/byline';

describe('cleanByline', () => {
  it('rule 1: whitespace', () => {
    expect(cleanByline('By\n\t\t\tScott Cunningham')).toBe('Scott Cunningham');
    expect(cleanByline('  Jane\u00a0Doe\u200b ')).toBe('Jane Doe');
  });

  it('rule 2: leading labels in several languages', () => {
    expect(cleanByline('By Joshua Sokol')).toBe('Joshua Sokol');
    expect(cleanByline('by Lucas Nolan')).toBe('Lucas Nolan');
    expect(cleanByline('BY: Erin Cunningham')).toBe('Erin Cunningham');
    expect(cleanByline('Written by Jane Doe')).toBe('Jane Doe');
    expect(cleanByline('Par Sébastien Farcis')).toBe('Sébastien Farcis');
    expect(cleanByline('Von Anna Schmidt')).toBe('Anna Schmidt');
    expect(cleanByline('Por Josh Max')).toBe('Josh Max');
    expect(cleanByline('Автор: Олена Петренко')).toBe('Олена Петренко');
  });

  it('rule 2: a particle that starts a name is not a label', () => {
    expect(cleanByline('von der Leyen')).toBe('von der Leyen');
    expect(cleanByline('Byron Smith')).toBe('Byron Smith');
    expect(cleanByline('Paris Hilton')).toBe('Paris Hilton');
  });

  it('rule 3: a date ends the name', () => {
    expect(cleanByline('by Lucas Nolan22 Dec 2016651')).toBe('Lucas Nolan');
    expect(cleanByline('By GILLIAN MOHNEY\n                                March 11, 2015 3:46 PM')).toBe('Gillian Mohney');
    expect(cleanByline('Jane Doe 2022-02-24')).toBe('Jane Doe');
    expect(cleanByline('Jane Doe, 24.02.2022')).toBe('Jane Doe');
    expect(cleanByline('Jane Doe 3:46 PM')).toBe('Jane Doe');
    expect(cleanByline('Jane Doe Updated 5 hours ago')).toBe('Jane Doe');
    expect(cleanByline('Олена Петренко 24 лютого 2022')).toBe('Олена Петренко');
  });

  it('rule 3: a byline that is a date is dropped', () => {
    expect(cleanByline('April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm')).toBeUndefined();
    expect(cleanByline('2019-04-28')).toBeUndefined();
    expect(cleanByline('Updated 3 hours ago')).toBeUndefined();
    expect(cleanByline('By 12:30 PM')).toBeUndefined();
  });

  it('rule 4: handles, trailing numbers and separators', () => {
    expect(cleanByline('Ahiza Garcia @ahiza_garcia')).toBe('Ahiza Garcia');
    expect(cleanByline('Jane Doe | ')).toBe('Jane Doe');
    expect(cleanByline('Jane Doe 651')).toBe('Jane Doe');
    expect(cleanByline('— Jane Doe')).toBe('Jane Doe');
    expect(cleanByline('12345')).toBeUndefined();
    expect(cleanByline('By')).toBeUndefined();
    expect(cleanByline('')).toBeUndefined();
    expect(cleanByline(null)).toBeUndefined();
  });

  it('rule 5: the site name, the host, a URL or a sentence is dropped', () => {
    expect(cleanByline('BBC News', { siteName: 'BBC News' })).toBeUndefined();
    expect(cleanByline('Mac & i', { siteName: 'Mac & i' })).toBeUndefined();
    expect(cleanByline('theguardian.com', { url: 'https://www.theguardian.com/world/1' })).toBeUndefined();
    expect(cleanByline('Breitbart', { url: 'http://www.breitbart.com/tech/1' })).toBeUndefined();
    expect(cleanByline('https://www.facebook.com/someone')).toBeUndefined();
    expect(cleanByline('word '.repeat(40))).toBeUndefined();
    // A person on a site is not the site.
    expect(cleanByline('Eleanor Ainge Roy', { siteName: 'the Guardian', url: 'https://www.theguardian.com/x' }))
      .toBe('Eleanor Ainge Roy');
    expect(cleanByline('Contributors to Wikimedia projects', { siteName: 'Wikimedia Foundation, Inc.' }))
      .toBe('Contributors to Wikimedia projects');
  });

  it('rule 6: capitals are title-cased, agencies and connectors excepted', () => {
    expect(cleanByline('JOE HILDEBRAND')).toBe('Joe Hildebrand');
    expect(cleanByline('NATALIYA VASILYEVA')).toBe('Nataliya Vasilyeva');
    expect(cleanByline('JEAN-PIERRE O’NEIL AND ANNA SMITH')).toBe('Jean-Pierre O’Neil and Anna Smith');
    expect(cleanByline('ОЛЕНА ПЕТРЕНКО')).toBe('Олена Петренко');
    expect(cleanByline('By JOHN DOE, AP')).toBe('John Doe, AP');
    expect(cleanByline('AFP')).toBe('AFP');
    // Mixed case is the author's own spelling.
    expect(cleanByline('danah boyd')).toBe('danah boyd');
    expect(cleanByline('Bruno (Henrique Zecchin) Rodrigues')).toBe('Bruno (Henrique Zecchin) Rodrigues');
    expect(cleanByline('Martin Untersinger (avec Damien Leloup et Morgane Tual)'))
      .toBe('Martin Untersinger (avec Damien Leloup et Morgane Tual)');
  });

  it('keeps names that are also months or contain digits-free words', () => {
    expect(cleanByline('April Smith')).toBe('April Smith');
    expect(cleanByline('By May Jones and June Lee')).toBe('May Jones and June Lee');
  });
});

describe('helpers', () => {
  it('titleCaseIfShouting leaves mixed case alone', () => {
    expect(titleCaseIfShouting('McDonald')).toBe('McDonald');
    expect(titleCaseIfShouting('MCDONALD')).toBe('Mcdonald');
    expect(titleCaseIfShouting('个人')).toBe('个人');
  });

  it('isSiteName compares letters and digits only', () => {
    expect(isSiteName('BBC  News!', { siteName: 'bbc news' })).toBe(true);
    expect(isSiteName('BBC', { url: 'https://www.bbc.co.uk/news/1' })).toBe(true);
    expect(isSiteName('Jane Doe', { siteName: 'BBC News', url: 'https://www.bbc.co.uk/news/1' })).toBe(false);
  });
});

describe('isNavigationLinkText', () => {
  const menu = `<ul><li><a href="/a">News</a></li><li><a href="/b">Sport</a></li>
    <li id="gnPriBylines"><a href="/c">個人</a></li><li><a href="/d">Business</a></li></ul>`;

  it('is true for a text that only appears as a menu link', () => {
    const doc = new DOMParser().parseFromString(`<body>${menu}<p>Article text</p></body>`, 'text/html');
    expect(isNavigationLinkText(doc, '個人')).toBe(true);
    const nav = new DOMParser().parseFromString('<body><nav><a href="/x">Opinion</a></nav></body>', 'text/html');
    expect(isNavigationLinkText(nav, 'Opinion')).toBe(true);
  });

  it('is false for an author link outside menus or a text that is not a link', () => {
    const doc = new DOMParser().parseFromString(
      `<body>${menu}<p class="byline">By <a href="/people/jane">Jane Doe</a></p><span>個人</span></body>`, 'text/html');
    expect(isNavigationLinkText(doc, 'Jane Doe')).toBe(false);
    expect(isNavigationLinkText(doc, 'Somebody Else')).toBe(false);
    const both = new DOMParser().parseFromString(`<body>${menu}<a href="/people/x">個人</a></body>`, 'text/html');
    expect(isNavigationLinkText(both, '個人')).toBe(false);
  });
});
