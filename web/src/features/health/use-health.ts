import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api-client.ts';

export function useHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: async () => {
      const response = await api.api.health.$get();
      return response.json();
    },
    refetchInterval: 30_000,
  });
}
