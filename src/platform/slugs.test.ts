import { describe, expect, it } from 'vitest';
import { nextFreeSlug, slugFor, slugify, slugPattern } from './slugs.js';

describe('slugs', () => {
  it('spell Danish and Swedish letters the way they are typed without them, and leave nothing else', () => {
    expect(slugify('Løn & æbler på Ørkenvej!')).toBe('loen-aebler-paa-oerkenvej');
    expect(slugify('Årsmöte för skyddsombud – Malmö')).toBe('aarsmoete-foer-skyddsombud-malmoe');
    expect(slugify('???')).toBe('');
    expect(slugify('Работа')).toBe('');
  });

  it('stop at the length asked for, never on a hyphen', () => {
    const title = 'Overenskomstforhandlingerne på det private område er slut for i år';
    expect(slugify(title).length).toBeLessThanOrEqual(60);
    expect(slugify(title, 80)).toBe('overenskomstforhandlingerne-paa-det-private-omraade-er-slut-for-i-aar');
    expect(slugify('abc def', 4)).toBe('abc');
  });

  it('give a title with nothing to spell its fallback, and cut a long one on a whole word', () => {
    expect(slugFor('!!!', 'udgave')).toBe('udgave');
    expect(slugFor('Arrangement', 'udgave')).toBe('arrangement');
    const slug = slugFor('Forbundet glæder sig over at normeringerne på botilbuddene bliver bedre', 'x');
    expect(slug).toBe('forbundet-glaeder-sig-over-at-normeringerne-paa');
  });

  it('number a taken slug, and never hand out a reserved word', () => {
    expect(nextFreeSlug('blad', [])).toBe('blad');
    expect(nextFreeSlug('blad', ['blad', 'blad-2'])).toBe('blad-3');
    expect(nextFreeSlug('new', [], ['new', 'feed'])).toBe('new-2');
    expect(slugPattern('blad')).toBe('blad-%');
  });
});
