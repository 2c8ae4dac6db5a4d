import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';

/**
 * A change sent from a form's fields: `submit` is the form's `onSubmit` (no page load); once the API
 * accepts it every query is refetched (the screens show what changed, the overview its counts) and
 * `onDone` gets the answer. The mutation's `error` carries the API's field errors.
 */
export function useFormMutation<T>(
  send: (form: FormData) => Promise<T>,
  onDone: (result: T) => void,
): { mutation: UseMutationResult<T, Error, FormData>; submit: (event: FormEvent<HTMLFormElement>) => void } {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: async (result) => {
      await queryClient.invalidateQueries();
      onDone(result);
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate(new FormData(event.currentTarget));
  };
  return { mutation, submit };
}
