import { PlacesToday } from './places-today.js';

describe('PlacesToday', () => {
  it("knows a partner's placed subjects for their day only, and no other partner's", () => {
    const places = new PlacesToday();
    places.learn('p', '2026-03-01', ['s1', 's2']);
    expect(places.holds('p', '2026-03-01', 's1')).toBe(true);
    expect(places.holds('p', '2026-03-01', 's3')).toBe(false);
    expect(places.holds('q', '2026-03-01', 's1')).toBe(false);
    expect(places.holds('p', '2026-03-02', 's1')).toBe(false);
    // A new day starts empty: yesterday's places are forgotten.
    places.learn('p', '2026-03-02', ['s3']);
    expect(places.holds('p', '2026-03-01', 's1')).toBe(false);
    expect(places.holds('p', '2026-03-02', 's3')).toBe(true);
  });

  it('stops learning at its bound, after freeing the places of other days', () => {
    const places = new PlacesToday(3);
    places.learn('old', '2026-03-01', ['a', 'b']);
    places.learn('p', '2026-03-02', ['s1', 's2', 's3']);
    // The two places of 1 March made room; a fourth of today's does not fit.
    expect(['s1', 's2', 's3'].map((s) => places.holds('p', '2026-03-02', s))).toEqual([true, true, true]);
    expect(places.holds('old', '2026-03-01', 'a')).toBe(false);
    places.learn('q', '2026-03-02', ['t1']);
    expect(places.holds('q', '2026-03-02', 't1')).toBe(false);
    // Learning a subject already known costs nothing.
    places.learn('p', '2026-03-02', ['s1']);
    expect(places.holds('p', '2026-03-02', 's1')).toBe(true);
  });
});
