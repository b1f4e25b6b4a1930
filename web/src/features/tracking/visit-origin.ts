/**
 * Router state carried from an alert card to the household and on to its visit form: only then is
 * the visit an 预警跟进; opened any other way (household page, overdue visit) it is a 日常走访.
 */
export interface VisitOrigin {
  fromAlert?: boolean;
}
export const cameFromAlert = (state: unknown): boolean => (state as VisitOrigin | null)?.fromAlert === true;
