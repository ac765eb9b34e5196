// Folding and character classes: what the spotter treats as equal, as a word, as invisible.
import { describe, expect, it } from 'vitest';
import { CharClass, charClasses, classOf, computeClass, foldText, foldedWords, foldOf } from '../../core/text-fold';

describe('foldText', () => {
  it('lower-cases and removes Latin diacritics', () => {
    expect(foldText('Erdoğan ORBÁN Łukasz Ø')).toBe('erdogan orban lukasz o');
  });

  it('keeps Cyrillic letters distinct except ё = е', () => {
    expect(foldText('Йошкар Їжак Ёлка')).toBe('йошкар їжак елка');
    expect(foldText('й')).not.toBe(foldText('и'));
    expect(foldText('ї')).not.toBe(foldText('і'));
  });

  it('composes combining marks with Cyrillic letters and drops them on Latin ones', () => {
    expect(foldText('и\u0306')).toBe('й');
    expect(foldText('Erdog\u0306an')).toBe('erdogan');
  });

  it('unifies apostrophes and hyphens, collapses white space, drops invisible characters', () => {
    expect(foldText("Мар’їнка Марʼїнка Мар'їнка")).toBe("мар'їнка мар'їнка мар'їнка");
    expect(foldText('Ivano\u2010Frankivsk')).toBe('ivano-frankivsk');
    expect(foldText('  Sergei \n\u00a0 Surovikin ')).toBe('sergei surovikin');
    expect(foldText('Vladi\u00admir Pu\u200btin')).toBe('vladimir putin');
  });
});

describe('character classes', () => {
  it('keep the numeric values the spotter uses as plain constants', () => {
    expect([CharClass.Other, CharClass.Word, CharClass.Upper, CharClass.Ignorable, CharClass.Space, CharClass.Mark, CharClass.Unknown])
      .toEqual([0, 1, 2, 3, 4, 5, 7]);
  });

  it('classifies letters, capitals, spaces, invisible characters and marks', () => {
    expect(classOf('a'.charCodeAt(0))).toBe(CharClass.Word);
    expect(classOf('K'.charCodeAt(0))).toBe(CharClass.Upper);
    expect(classOf('Ж'.charCodeAt(0))).toBe(CharClass.Upper);
    expect(classOf('7'.charCodeAt(0))).toBe(CharClass.Word);
    expect(classOf(0x00a0)).toBe(CharClass.Space);
    expect(classOf(0x2028)).toBe(CharClass.Space);
    expect(classOf(0x00ad)).toBe(CharClass.Ignorable);
    expect(classOf(0xfeff)).toBe(CharClass.Ignorable);
    expect(classOf(0x0301)).toBe(CharClass.Mark);
    expect(classOf(0x02bc)).toBe(CharClass.Other);
    expect(classOf('-'.charCodeAt(0))).toBe(CharClass.Other);
  });

  it('fills rarely used blocks on first use', () => {
    const table = charClasses();
    const han = '漢'.charCodeAt(0);
    const hangul = '한'.charCodeAt(0);
    expect([CharClass.Unknown, CharClass.Word]).toContain(table[hangul]);
    expect(classOf(han)).toBe(CharClass.Word);
    expect(classOf(hangul)).toBe(CharClass.Word);
    expect(table[hangul]).toBe(CharClass.Word);
    expect(foldOf('Ω'.charCodeAt(0))).toBe('ω'.charCodeAt(0));
  });
});

describe('foldedWords', () => {
  it('splits into folded words, keeping apostrophes between letters', () => {
    expect(foldedWords("Putin’s “Moscow”, Мар'їнка — Straße 2000! get_kiev")).toEqual(["putin's", 'moscow', "мар'їнка", 'straße', '2000', 'get_kiev']);
  });
});

describe('start-up tables', () => {
  it('classify the blocks filled from ranges exactly as the Unicode regexes do', () => {
    const differences: string[] = [];
    for (const block of [0x00, 0x01, 0x04, 0x20]) {
      for (let code = block << 8; code < (block + 1) << 8; code++) {
        if (computeClass(code) !== computeClass(code, true)) differences.push(code.toString(16));
      }
    }
    expect(differences).toEqual([]);
  });
});
