import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from './fetch-json.ts';

export interface NewJob {
  title: string;
  description: string;
  requiredSkills: { code: string; minLevel: number }[];
  payMin: number | null;
  payMax: number | null;
  payUnit: 'month' | 'day' | 'piece';
  headcount: number;
  deadline: string | null;
  status: 'draft' | 'open';
}

export interface Skill {
  code: string;
  nameZh: string;
  nameEn: string;
  aliases: string[];
}

export function usePostJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (job: NewJob) => fetchJson<{ id: string }>('/api/jobs', { method: 'POST', body: JSON.stringify(job) }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['jobs', 'mine'] }),
  });
}

export function useMyJobs() {
  return useQuery({
    queryKey: ['jobs', 'mine'],
    queryFn: () =>
      fetchJson<{ items: { id: string; title: string; status: string; employerVerified: boolean }[] }>(
        '/api/jobs?pageSize=50',
      ),
  });
}

export function useSkillSearch(q: string) {
  return useQuery({
    queryKey: ['skills', q],
    queryFn: () => fetchJson<{ items: Skill[] }>(`/api/skills?pageSize=8&q=${encodeURIComponent(q)}`),
    enabled: q.trim().length > 0,
  });
}
