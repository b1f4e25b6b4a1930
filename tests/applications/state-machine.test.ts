import { describe, expect, it } from 'vitest';
import { allowedMoves, checkTransition, initialState, isFinal } from '../../api/src/applications/state-machine.ts';
import { AppError } from '../../api/src/http/problem.ts';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('application state machine', () => {
  it('jobs start applied and courses enrolled', () => {
    expect(initialState('job')).toBe('applied');
    expect(initialState('project')).toBe('applied');
    expect(initialState('training')).toBe('enrolled');
  });

  it('walks a job from applied to hired, and a hire records employment', () => {
    expect(checkTransition('job', 'applied', 'viewed', 'provider')).toEqual([]);
    expect(checkTransition('job', 'viewed', 'interview', 'provider')).toEqual([]);
    expect(checkTransition('job', 'interview', 'hired', 'provider')).toEqual(['record_employment']);
  });

  it('walks a course from enrolled to completed, and completion grants the skills', () => {
    expect(checkTransition('training', 'enrolled', 'attending', 'provider')).toEqual([]);
    expect(checkTransition('training', 'attending', 'completed', 'provider')).toEqual(['grant_skills']);
    expect(checkTransition('training', 'attending', 'dropped', 'applicant')).toEqual([]);
  });

  it('refuses an illegal move with 409, naming the moves that are allowed', () => {
    const error = refusal(() => checkTransition('job', 'applied', 'hired', 'provider'));
    expect(error.status).toBe(409);
    expect(error.message).toBe(
      'A job application cannot move from applied to hired; from applied it may move to viewed, interview, rejected, withdrawn',
    );
    expect(error.extra.errors).toEqual([{ path: 'json.state', message: error.message }]);
  });

  it('refuses any move out of a final state', () => {
    for (const [kind, state] of [
      ['job', 'hired'],
      ['job', 'rejected'],
      ['job', 'withdrawn'],
      ['training', 'completed'],
      ['training', 'dropped'],
    ] as const) {
      expect(isFinal(kind, state)).toBe(true);
      const error = refusal(() => checkTransition(kind, state, kind === 'job' ? 'viewed' : 'attending', 'worker'));
      expect(error.message).toContain(`${state} is final`);
    }
  });

  it('refuses job states on a course and course states on a job', () => {
    expect(refusal(() => checkTransition('training', 'enrolled', 'hired', 'provider')).status).toBe(409);
    expect(refusal(() => checkTransition('job', 'applied', 'completed', 'provider')).status).toBe(409);
  });

  it('only the resident side withdraws; only the employer side decides', () => {
    expect(checkTransition('job', 'interview', 'withdrawn', 'applicant')).toEqual([]);
    const withdraw = refusal(() => checkTransition('job', 'applied', 'withdrawn', 'provider'));
    expect(withdraw.status).toBe(403);
    const selfHire = refusal(() => checkTransition('job', 'interview', 'hired', 'applicant'));
    expect(selfHire.status).toBe(403);
    expect(selfHire.message).toBe('Only the provider or worker may move a job application to hired');
  });

  it('lists the next moves for the portal', () => {
    expect(Object.keys(allowedMoves('training', 'enrolled'))).toEqual(['attending', 'dropped']);
  });
});
