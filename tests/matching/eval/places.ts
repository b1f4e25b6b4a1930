import type { GeoPoint } from '../../../api/src/matching/types.ts';

/**
 * The evaluation city. Three resettlement sites (安置点): S1 a large urban site at the city's
 * edge, S2 a smaller site ~19 km south-west, S3 a rural site ~45 km out. Workplaces around them.
 */
export const places = {
  S1: { lat: 26.6, lng: 106.7 },
  S2: { lat: 26.48, lng: 106.56 },
  S3: { lat: 26.85, lng: 107.02 },
  /** A shop at the edge of S1, ~0.3 km from its centre. */
  S1N: { lat: 26.6027, lng: 106.7 },
  /** Industrial park, ~3 km from S1; its shuttle serves S1. */
  P1: { lat: 26.625, lng: 106.725 },
  /** Logistics park, ~7 km from S1 and ~12 km from S2; its shuttle serves S2. */
  P2: { lat: 26.56, lng: 106.64 },
  /** City centre, ~9 km from S1, ~20 km from S2. */
  TOWN: { lat: 26.65, lng: 106.63 },
  /** Township near S3, ~4 km away. */
  S3T: { lat: 26.87, lng: 107.05 },
  /** A county town ~50 km from S1. */
  FAR: { lat: 26.3, lng: 106.3 },
  /** Dongguan, Guangdong: labour export (劳务输出). */
  EXPORT: { lat: 23.02, lng: 113.75 },
} satisfies Record<string, GeoPoint>;

export type PlaceCode = keyof typeof places;

/** Which sites a shuttle (班车) runs from, per workplace. */
export const shuttles: Partial<Record<PlaceCode, string[]>> = {
  P1: ['S1'],
  P2: ['S2'],
};

export const EVAL_TODAY = '2026-12-01';
