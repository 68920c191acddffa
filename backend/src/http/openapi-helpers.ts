// Small builders for route contracts, so every route documents the same error shape.
import { ErrorBody } from '#shared/api';
import type { z } from 'zod';

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const errors = {
  400: json(ErrorBody, 'Invalid input: `error.details.issues` names each path and what to fix'),
  401: json(ErrorBody, 'Not signed in'),
  403: json(ErrorBody, 'Signed in, but not allowed'),
  404: json(ErrorBody, 'Not found, or not visible to the caller'),
  409: json(ErrorBody, 'A lost race or a stale version'),
} as const;

export const devAuthHeaders = [{ devUser: [] }];
