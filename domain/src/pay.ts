/**
 * Piece-rate pay (计件) as a monthly range: the usual pieces a month at the low rate, a fast
 * worker's pieces at the high one. The API ranks with it and the posting form shows it, so an
 * employer sees the very figure residents will be shown.
 */
export function pieceMonthlyRange(
  rateMin: number,
  rateMax: number,
  piecesPerMonth: number,
  piecesPerMonthMax: number | null,
): { min: number; max: number } {
  const top = Math.max(piecesPerMonthMax ?? piecesPerMonth, piecesPerMonth);
  return { min: Math.round(rateMin * piecesPerMonth), max: Math.round(rateMax * top) };
}
