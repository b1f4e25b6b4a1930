import type { DisabilityKind, HealthLimit, PersonHours, WorkWhere } from '@anju/domain/work-facts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import type { RosterColumnKey } from '../../../../api/src/registry/import/roster-columns.ts';
import { api } from '../../shared/api-client.ts';
import type { FieldProblemOnWire } from '../../shared/field-problems.ts';

/** A failed request, carrying the problem+json body (field errors, 409 details). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: {
      detail?: string;
      errors?: FieldProblemOnWire[];
      changedFields?: string[];
      /** A refused merge: the open application both people hold. */
      applicationId?: string;
    },
  ) {
    super(body.detail ?? `HTTP ${status}`);
  }
}

async function ok<T>(response: Response): Promise<T> {
  if (!response.ok) throw new ApiProblem(response.status, await problemBody(response));
  return response.json() as Promise<T>;
}

const problemBody = (response: Response): Promise<ApiProblem['body']> => response.json().catch(() => ({}));

type Query = Record<string, string | undefined>;
const clean = (query: Query) =>
  Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;

export function useSites(query: Query) {
  return useQuery({
    queryKey: ['sites', query],
    queryFn: async () => ok<SitePage>(await api.api.sites.$get({ query: clean(query) })),
    placeholderData: keepPreviousData,
  });
}

export function useSite(id: string) {
  return useQuery({
    queryKey: ['site', id],
    queryFn: async () => ok<Site>(await api.api.sites[':id'].$get({ param: { id } })),
  });
}

export function useSiteQuality(id: string) {
  return useQuery({
    queryKey: ['site-quality', id],
    queryFn: async () =>
      ok<{ checks: { code: string; count: number }[] }>(
        await api.api.sites[':id']['data-quality'].$get({ param: { id } }),
      ),
  });
}

export function useHouseholds(query: Query) {
  return useQuery({
    queryKey: ['households', query],
    queryFn: async () => ok<HouseholdPage>(await api.api.households.$get({ query: clean(query) })),
    placeholderData: keepPreviousData,
  });
}

export function useHousehold(id: string) {
  return useQuery({
    queryKey: ['household', id],
    queryFn: async () => ok<Household>(await api.api.households[':id'].$get({ param: { id } })),
  });
}

/** One person; with `include: 'healthNotes'` their health too (workers and admins; the read is audited). */
export function usePerson(id: string, include?: 'healthNotes') {
  return useQuery({
    queryKey: include ? ['person', id, include] : ['person', id],
    queryFn: async () =>
      ok<Person>(await api.api.persons[':id'].$get({ param: { id }, query: include ? { include } : {} })),
  });
}

export function usePersonHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['person-history', id],
    enabled,
    queryFn: async () =>
      ok<{ items: { attribute: string; value: string | null; validFrom: string; recordedAt: string }[] }>(
        await api.api.persons[':id'].history.$get({ param: { id }, query: {} }),
      ),
  });
}

/** The body of PATCH /api/persons/{id}, as the API declares it. */
export type PersonPatch = InferRequestType<(typeof api.api.persons)[':id']['$patch']>['json'];

export function useUpdatePerson(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: PersonPatch) =>
      ok<Person>(await api.api.persons[':id'].$patch({ param: { id }, json: body })),
    onSuccess: (person) => {
      client.setQueryData(['person', id], person);
      void client.invalidateQueries({ queryKey: ['person', id, 'healthNotes'] });
      void client.invalidateQueries({ queryKey: ['household', person.householdId] });
    },
  });
}

export function useUpdateSkills(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (skills: { skillCode: string; level: number; certificate: string | null }[]) =>
      ok<Person>(await api.api.persons[':id'].skills.$put({ param: { id }, json: { skills } })),
    onSuccess: (person) => {
      client.setQueryData(['person', id], person);
      void client.invalidateQueries({ queryKey: ['person', id, 'healthNotes'] });
      void client.invalidateQueries({ queryKey: ['household', person.householdId] });
    },
  });
}

export function useResidentSearch(q: string) {
  return useQuery({
    queryKey: ['resident-search', q],
    enabled: q.trim().length > 0,
    // The index catches up with PostgreSQL a few seconds after a write (outbox → Meilisearch):
    // an answer is never reused, so asking again after an import sees the new people.
    staleTime: 0,
    gcTime: 0,
    queryFn: async () => ok<{ items: ResidentHit[] }>(await api.api.search.residents.$get({ query: { q } })),
  });
}

/** 疑似重复: pairs a worker may see, to merge or dismiss. */
export function useDuplicates(page: string) {
  return useQuery({
    queryKey: ['duplicates', page],
    queryFn: async () => ok<DuplicatePage>(await api.api.duplicates.$get({ query: { page } })),
    placeholderData: keepPreviousData,
  });
}

/** Merge or dismiss: either way the pair leaves the list, and a merge changes both households. */
export function useResolveDuplicate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (
      action:
        | { kind: 'merge'; keepPersonId: string; removePersonId: string }
        | { kind: 'dismiss'; personAId: string; personBId: string },
    ) => {
      const response =
        action.kind === 'merge'
          ? await api.api.duplicates.merge.$post({
              json: { keepPersonId: action.keepPersonId, removePersonId: action.removePersonId },
            })
          : await api.api.duplicates.dismiss.$post({
              json: { personAId: action.personAId, personBId: action.personBId },
            });
      if (!response.ok) throw new ApiProblem(response.status, await problemBody(response));
    },
    onSettled: () => {
      for (const key of ['duplicates', 'households', 'household', 'person', 'resident-search'])
        void client.invalidateQueries({ queryKey: [key] });
    },
  });
}

/** 导入记录: past roster imports, newest first. */
export function useRosterImports(page: string) {
  return useQuery({
    queryKey: ['roster-imports', page],
    queryFn: async () => ok<RosterImportPage>(await api.api.imports.$get({ query: { page } })),
    placeholderData: keepPreviousData,
  });
}

/** The roster upload is multipart: plain fetch (the typed client speaks JSON and forms of strings). */
export async function uploadRoster(
  file: File,
  dryRun: boolean,
  keepValid = false,
  mapping?: RosterMapping,
): Promise<ImportReport> {
  const form = new FormData();
  form.append('file', file);
  if (mapping) form.append('mapping', JSON.stringify(mapping));
  const response = await fetch(`/api/imports/roster?dryRun=${dryRun}&keepValid=${keepValid}`, {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
  });
  if (response.status === 422) return response.json();
  return ok<ImportReport>(response);
}

/** The rejected rows (and the rows held back with them) as .xlsx in the file's own layout, with a 问题 column. */
export async function downloadRejectedRows(file: File, keepValid: boolean, mapping?: RosterMapping): Promise<Blob> {
  const form = new FormData();
  form.append('file', file);
  if (mapping) form.append('mapping', JSON.stringify(mapping));
  const response = await fetch(`/api/imports/roster?dryRun=true&keepValid=${keepValid}&download=rejected`, {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.blob();
}

export interface Site {
  id: string;
  code: string;
  name: string;
  kind: 'concentrated' | 'scattered' | null;
  setting: 'urban' | 'rural' | null;
  address: string | null;
  capacityHouseholds: number | null;
  facilities: string[];
  householdCount: number;
  personCount: number;
}
export interface SitePage {
  items: Site[];
  total: number;
  page: number;
  pageSize: number;
}
export interface PersonSkill {
  skillCode: string;
  skillName: string | null;
  level: number;
  certificate: string | null;
}
export interface Person {
  id: string;
  householdId: string;
  householdNumber: string;
  name: string;
  idNumber: string | null;
  /** Only for those who may unmask the ID (worker of the site, admin); everyone else gets `age`. */
  birthDate?: string | null;
  age: number | null;
  sex: 'male' | 'female' | null;
  phone: string | null;
  relation: string;
  education: string | null;
  laborCapacity: string;
  employmentStatus: string;
  maxCommuteKm: number | null;
  willingToWorkAway: boolean;
  hasCareDuties: boolean;
  /** 可工作时间与地点: null until someone asked. */
  availability?: { where: WorkWhere; hours: PersonHours[]; availableFrom: string | null } | null;
  /** 健康与残疾, structured: only with `include: 'healthNotes'`. */
  health?: {
    disabilityKind: DisabilityKind | null;
    disabilityGrade: number | null;
    chronicIllness: boolean;
    limits: HealthLimit[];
  } | null;
  skills?: PersonSkill[];
  version: number;
}
export interface Household {
  id: string;
  householdNumber: string;
  siteId: string;
  siteName: string;
  building: string | null;
  unit: string | null;
  room: string | null;
  relocationDate: string | null;
  monitoringCategory: string;
  headName: string | null;
  memberCount: number;
  /** 帮扶责任人 */
  responsibleWorkerId?: string | null;
  version: number;
  members?: Person[];
}
export interface HouseholdPage {
  items: Household[];
  total: number;
  page: number;
  pageSize: number;
}
export interface ResidentHit {
  id: string;
  name: string;
  householdId: string;
  householdNumber: string;
  siteName: string;
}
/** The fields a roster column can be read as (the API's `mapping` values). */
export const rosterFields = [
  'householdNumber',
  'siteCode',
  'siteName',
  'name',
  'idNumber',
  'relation',
  'sex',
  'birthDate',
  'phone',
  'education',
  'laborCapacity',
  'employmentStatus',
  'monitoringCategory',
  'building',
  'unit',
  'room',
  'originCounty',
  'originTownship',
  'originVillage',
  'relocationDate',
  'health',
  'disability',
  'skills',
  'workPlace',
  'monthlyIncome',
] as const satisfies readonly RosterColumnKey[];
export type RosterField = (typeof rosterFields)[number];
/** The file's header as written → the field to read it as, or null for 不读取. */
export type RosterMapping = Record<string, RosterField | null>;

export interface ImportReport {
  importId: string | null;
  committed: boolean;
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rejected: { row: number; column: string; code: string; reason: string; reasonEn: string }[];
  /** Columns of the file that were not read. */
  notRead: string[];
  defaulted: { laborCapacity: number; employmentStatus: number };
  /** Every column of the file: the field read from it (guessed when the header only contains a known name). */
  columns: { column: string; field: RosterField | null; guessed: boolean; looksLike: string | null }[];
  mapping: { source: 'given' | 'remembered' | 'none'; signature: string | null };
  keepValid: boolean;
  /** Rows left out because another row of their household was rejected. */
  heldBack: number[];
  preview: { row: number; action: string; householdNumber: string; name: string; changedFields: string[] }[];
}
export interface DuplicatePerson {
  id: string;
  name: string;
  birthDate: string | null;
  /** Always masked here: the review never needs the full number. */
  idNumber: string | null;
  householdId: string;
  householdNumber: string;
  relation: string;
  siteName: string;
}
export interface DuplicatePage {
  items: { reason: string; personA: DuplicatePerson; personB: DuplicatePerson }[];
  total: number;
  page: number;
  pageSize: number;
}
export interface RosterImport {
  id: string;
  userName: string | null;
  fileName: string;
  committed: boolean;
  rowCount: number;
  createdCount: number;
  updatedCount: number;
  unchangedCount: number;
  rejectedCount: number;
  createdAt: string;
}
export interface RosterImportPage {
  items: RosterImport[];
  total: number;
  page: number;
  pageSize: number;
}
