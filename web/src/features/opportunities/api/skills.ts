import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { api } from '../../../shared/api-client.ts';
import { unwrap } from '../../../shared/api-error.ts';

/** The taxonomy, searched by Chinese or English name, code or alias (车工 finds 缝纫). */
export function useSkills(filter: { q: string; category?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['skills', filter],
    queryFn: async () =>
      unwrap(
        await api.api.skills.$get({
          query: {
            q: filter.q || undefined,
            category: filter.category || undefined,
            page: String(filter.page),
            pageSize: String(filter.pageSize),
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
export type Skill = NonNullable<ReturnType<typeof useSkills>['data']>['items'][number];

/**
 * The Chinese names of skills known by code only (a saved posting keeps codes): code → name once
 * found (the code itself when the taxonomy has no such skill), `undefined` while it loads. The search matches codes too and lists the code itself first.
 */
export function useSkillNames(codes: string[]): Record<string, string | undefined> {
  const found = useQueries({
    queries: codes.map((code) => ({
      queryKey: ['skills', { q: code, page: 1, pageSize: 8 }],
      queryFn: async () => unwrap(await api.api.skills.$get({ query: { q: code, page: '1', pageSize: '8' } })),
    })),
  });
  return Object.fromEntries(
    codes.map((code, i) => {
      const items = found[i]?.data?.items;
      return [code, items ? (items.find((skill) => skill.code === code)?.nameZh ?? code) : undefined];
    }),
  );
}
export type SkillPatch = InferRequestType<(typeof api.api.skills)[':code']['$patch']>['json'];

export function useUpdateSkill() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ code, patch }: { code: string; patch: SkillPatch }) =>
      unwrap(await api.api.skills[':code'].$patch({ param: { code }, json: patch })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['skills'] }),
  });
}
export type SkillInput = InferRequestType<typeof api.api.skills.$post>['json'];

export function useCreateSkill() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: SkillInput) => unwrap(await api.api.skills.$post({ json: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['skills'] }),
  });
}
