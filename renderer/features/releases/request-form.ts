// The new-request form's types, shared by the fields of each kind of request.
import type { FieldErrors, UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import type { CreateReleaseInput } from '../../../preload/contract.ts';
import type { RequestValues } from './request-values.ts';

export type RequestForm = UseFormReturn<RequestValues, unknown, z.output<typeof CreateReleaseInput>>;
export type DetailErrors = FieldErrors<RequestValues>['details'];
