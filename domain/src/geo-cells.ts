import { distanceKm, type GeoPoint } from './geo.ts';

/**
 * A grid of latitude/longitude cells at five nested sizes (0.01°, 0.05°, 0.2°, 1° and 5°, about
 * 1, 5, 20, 100 and 500 km north–south), so that search can find "within r km" with an equality
 * filter on cell ids instead of Meilisearch's `_geo` (whose R-tree Meilisearch rewrites on every
 * single-document write: issue 23). A posting stores the id of its cell at every size
 * (`geoCellsOf`); a radius query asks for the cells covering the circle (`coverCircle`): the
 * ones wholly inside (`inner`, the largest that fit) and the ring of smallest cells the circle's
 * edge crosses (`border`), whose postings the API checks one by one with `distanceKm`.
 *
 * Sizes are whole multiples of 0.01° and each divides the next, so a cell's index at a size is
 * the integer division of its 0.01° index: cells nest exactly, with no rounding at their edges.
 */
export const GEO_CELL_SIZES = [1, 5, 20, 100, 500] as const; // in hundredths of a degree
const UNIT_DEG = 0.01;
/** Kilometres per degree along a meridian on the sphere `distanceKm` uses (R = 6371 km). */
const KM_PER_DEG = (6371 * Math.PI) / 180;
/** The border ring holds at most about this many cells: the smallest size that keeps it so. */
const MAX_RING_CELLS = 128;
/** Slack for rounding when a cell is compared with the circle: a millimetre. */
const SLACK_KM = 1e-6;

const unitIndex = (degrees: number) => Math.floor(degrees / UNIT_DEG);
const cellId = (size: number, i: number, j: number) => `g${size}:${i}:${j}`;

/** The ids of the point's cell at every size, as a posting document stores them. */
export function geoCellsOf(point: GeoPoint): string[] {
  const i = unitIndex(point.lat);
  const j = unitIndex(point.lng);
  return GEO_CELL_SIZES.map((size) => cellId(size, Math.floor(i / size), Math.floor(j / size)));
}

export interface CircleCover {
  /** Cells wholly inside the circle: every posting in them is within the radius. */
  inner: string[];
  /** Smallest-size cells the circle's edge crosses: their postings need the exact distance. */
  border: string[];
}

/**
 * The cells covering the circle of `radiusKm` around `center`. Exact in what it promises: a point
 * within the radius lies in one of the returned cells, and a point in an `inner` cell is within
 * the radius (the farthest point of a cell from the centre is one of its corners).
 */
export function coverCircle(center: GeoPoint, radiusKm: number): CircleCover {
  const levels = GEO_CELL_SIZES.length;
  // The smallest size whose ring of border cells stays around MAX_RING_CELLS.
  let finest = GEO_CELL_SIZES.findIndex(
    (size) => (2 * Math.PI * radiusKm) / (size * UNIT_DEG * KM_PER_DEG) <= MAX_RING_CELLS,
  );
  if (finest < 0) finest = levels - 1;
  const inner: string[] = [];
  const border: string[] = [];

  const visit = (level: number, i: number, j: number) => {
    const size = GEO_CELL_SIZES[level];
    const lat0 = i * size * UNIT_DEG;
    const lng0 = j * size * UNIT_DEG;
    const span = size * UNIT_DEG;
    const corners: GeoPoint[] = [
      { lat: lat0, lng: lng0 },
      { lat: lat0 + span, lng: lng0 },
      { lat: lat0, lng: lng0 + span },
      { lat: lat0 + span, lng: lng0 + span },
    ];
    if (Math.max(...corners.map((corner) => distanceKm(center, corner))) <= radiusKm - SLACK_KM) {
      inner.push(cellId(size, i, j));
      return;
    }
    // No point of the cell is nearer than (distance to its middle) − (middle to its farthest corner).
    const middle = { lat: lat0 + span / 2, lng: lng0 + span / 2 };
    const halfDiagonal = Math.max(...corners.map((corner) => distanceKm(middle, corner)));
    if (distanceKm(center, middle) - halfDiagonal > radiusKm + SLACK_KM) return;
    if (level === finest) {
      border.push(cellId(size, i, j));
      return;
    }
    const ratio = size / GEO_CELL_SIZES[level - 1];
    for (let di = 0; di < ratio; di++)
      for (let dj = 0; dj < ratio; dj++) visit(level - 1, i * ratio + di, j * ratio + dj);
  };

  // Start from the largest cells over the circle's bounding box (one cell of margin each side).
  const top = levels - 1;
  const size = GEO_CELL_SIZES[top];
  const dLat = radiusKm / KM_PER_DEG;
  const farLat = Math.min(89, Math.abs(center.lat) + dLat);
  const dLng = Math.min(180, dLat / Math.max(0.01, Math.cos((farLat * Math.PI) / 180)));
  const cell = (degrees: number) => Math.floor(unitIndex(degrees) / size);
  for (let i = cell(Math.max(-90, center.lat - dLat)) - 1; i <= cell(Math.min(90, center.lat + dLat)) + 1; i++)
    for (let j = cell(center.lng - dLng) - 1; j <= cell(center.lng + dLng) + 1; j++) visit(top, i, j);
  return { inner, border };
}
