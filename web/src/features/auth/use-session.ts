import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api-client.ts';
import { unwrap } from '../../shared/api-error.ts';
import { meQueryKey } from './use-me.ts';

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { login: string; password: string }) =>
      unwrap(await api.api.auth.login.$post({ json: input })),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await api.api.auth.logout.$post();
    },
    onSuccess: () => {
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
    },
  });
}

/** 短信验证码: asks for a code; the API answers alike whether or not the phone has an account. */
export function useRequestLoginCode() {
  return useMutation({
    mutationFn: async (input: { phone: string }) => {
      await unwrap(await api.api.auth['login-code'].$post({ json: input }));
    },
  });
}

export function useCodeLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { phone: string; code: string }) =>
      unwrap(await api.api.auth['login-code']['sign-in'].$post({ json: input })),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}

/** 第一次使用: the worker's 激活码 and a new password set up the account and sign in. */
export function useAccountSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { login: string; code: string; password: string }) =>
      unwrap(await api.api.auth.setup.$post({ json: input })),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}
