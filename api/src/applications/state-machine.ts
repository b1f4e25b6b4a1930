import { AppError } from '../http/problem.ts';

/**
 * The life of an application, as a table of allowed moves and who may make them.
 *
 * Jobs and projects: applied → viewed → interview → hired / rejected; the resident may withdraw
 * before a decision. (For a project, "hired" means taken on as a participant.)
 * Courses: enrolled → attending → completed (with a certificate when the course gives one) /
 * dropped; the resident may drop out too.
 */
export const applicationKinds = ['job', 'training', 'project'] as const;
export type ApplicationKind = (typeof applicationKinds)[number];

export const jobStates = ['applied', 'viewed', 'interview', 'hired', 'rejected', 'withdrawn'] as const;
export const trainingStates = ['enrolled', 'attending', 'completed', 'dropped'] as const;
export const applicationStates = [...jobStates, ...trainingStates] as const;
export type ApplicationState = (typeof applicationStates)[number];

/** Who moves an application: the resident (or their helper), the employer or provider, a community worker. */
export type ApplicationSide = 'applicant' | 'provider' | 'worker';

type Moves = Partial<Record<ApplicationState, Partial<Record<ApplicationState, ApplicationSide[]>>>>;

const staff: ApplicationSide[] = ['provider', 'worker'];
const anyone: ApplicationSide[] = ['applicant', 'provider', 'worker'];
const applicantOrWorker: ApplicationSide[] = ['applicant', 'worker'];

const jobMoves: Moves = {
  applied: { viewed: staff, interview: staff, rejected: staff, withdrawn: applicantOrWorker },
  viewed: { interview: staff, hired: staff, rejected: staff, withdrawn: applicantOrWorker },
  interview: { hired: staff, rejected: staff, withdrawn: applicantOrWorker },
};

const trainingMoves: Moves = {
  enrolled: { attending: staff, dropped: anyone },
  attending: { completed: staff, dropped: anyone },
};

const movesOf = (kind: ApplicationKind): Moves => (kind === 'training' ? trainingMoves : jobMoves);

export const initialState = (kind: ApplicationKind): ApplicationState => (kind === 'training' ? 'enrolled' : 'applied');

export const isFinal = (kind: ApplicationKind, state: ApplicationState): boolean =>
  Object.keys(movesOf(kind)[state] ?? {}).length === 0;

/** The states an application may move to next, and by whom. */
export function allowedMoves(
  kind: ApplicationKind,
  from: ApplicationState,
): Partial<Record<ApplicationState, ApplicationSide[]>> {
  return movesOf(kind)[from] ?? {};
}

/** The states one side may move an application to next: the buttons the portal shows. */
export function nextStatesFor(
  kind: ApplicationKind,
  from: ApplicationState,
  side: ApplicationSide,
): ApplicationState[] {
  return (Object.entries(allowedMoves(kind, from)) as [ApplicationState, ApplicationSide[]][])
    .filter(([, sides]) => sides.includes(side))
    .map(([state]) => state);
}

/** What a move changes outside the application itself. */
export type TransitionEffect = 'record_employment' | 'grant_skills';

/**
 * Checks one move and returns its side effects; refuses an illegal move with 409 naming the
 * allowed ones, and a move the side may not make with 403.
 */
export function checkTransition(
  kind: ApplicationKind,
  from: ApplicationState,
  to: ApplicationState,
  side: ApplicationSide,
): TransitionEffect[] {
  const moves = allowedMoves(kind, from);
  const sides = moves[to];
  if (!sides) {
    const allowed = Object.keys(moves);
    const message = `A ${kind} application cannot move from ${from} to ${to}${
      allowed.length ? `; from ${from} it may move to ${allowed.join(', ')}` : `; ${from} is final`
    }`;
    throw new AppError('conflict', message, { errors: [{ path: 'json.state', message }], from, to, allowed });
  }
  if (!sides.includes(side)) {
    throw new AppError('forbidden', `Only the ${sides.join(' or ')} may move a ${kind} application to ${to}`);
  }
  if (to === 'hired') return ['record_employment'];
  if (to === 'completed') return ['grant_skills'];
  return [];
}
