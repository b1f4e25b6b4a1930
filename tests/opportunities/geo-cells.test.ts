import { distanceKm } from '@anju/domain/geo';
import { coverCircle, GEO_CELL_SIZES, geoCellsOf } from '@anju/domain/geo-cells';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** Points near the centre, some on cell edges (multiples of 0.01°), some anywhere. */
const offset = fc.oneof(
  fc.integer({ min: -300, max: 300 }).map((n) => n / 100),
  fc.double({ min: -3, max: 3, noNaN: true }),
);

describe('grid cells for the radius filter', () => {
  it('stores one cell per size, nested', () => {
    const cells = geoCellsOf({ lat: 26.6049, lng: 106.7151 });
    expect(cells).toEqual(['g1:2660:10671', 'g5:532:2134', 'g20:133:533', 'g100:26:106', 'g500:5:21']);
    expect(cells).toHaveLength(GEO_CELL_SIZES.length);
    expect(geoCellsOf({ lat: -0.001, lng: -0.001 })[0]).toBe('g1:-1:-1');
  });

  it('covers every point within the radius and puts in inner cells only points within it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 18, max: 45, noNaN: true }),
        fc.double({ min: 75, max: 130, noNaN: true }),
        fc.oneof(fc.double({ min: 0.1, max: 60, noNaN: true }), fc.integer({ min: 1, max: 300 })),
        fc.array(fc.tuple(offset, offset), { minLength: 20, maxLength: 60 }),
        (lat, lng, radiusKm, offsets) => {
          const center = { lat, lng };
          const { inner, border } = coverCircle(center, radiusKm);
          const innerSet = new Set(inner);
          const all = new Set([...inner, ...border]);
          for (const [dLat, dLng] of offsets) {
            // Scale the offsets to the radius so that points fall inside, on and beyond the edge.
            const scale = radiusKm / 111;
            const point = { lat: lat + dLat * scale, lng: lng + dLng * scale };
            const cells = geoCellsOf(point);
            const within = distanceKm(center, point) <= radiusKm;
            if (within) expect(cells.some((cell) => all.has(cell))).toBe(true);
            if (cells.some((cell) => innerSet.has(cell))) expect(within).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the filter short: at most about 500 cells, for 100 m up to 2,000 km', () => {
    for (const radiusKm of [0.1, 1, 5, 20, 50, 200, 1000, 2000]) {
      const { inner, border } = coverCircle({ lat: 26.6, lng: 106.7 }, radiusKm);
      expect(inner.length + border.length).toBeLessThan(500);
      expect(border.length).toBeGreaterThan(0);
    }
  });
});
