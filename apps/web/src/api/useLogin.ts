import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginAnswer, LoginBody } from '@flowpress/shared';
import { api } from './client';
import { queryKeys } from './keys';
import { useSessionStore } from '../stores/sessionStore';

export function useLogin() {
  const queryClient = useQueryClient();
  const signIn = useSessionStore((s) => s.signIn);
  return useMutation({
    mutationFn: (body: LoginBody) =>
      api<LoginAnswer>('/api/auth/login', { method: 'POST', body, allowUnauthorized: true }),
    onSuccess: (answer) => {
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, answer.user);
      signIn(answer.token);
    },
  });
}
