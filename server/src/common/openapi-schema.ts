import type { ApiResponseSchemaHost } from '@nestjs/swagger';
import { z } from 'zod';

/** A shared zod schema as the OpenAPI response schema: the documentation is the contract itself. */
export function openApiSchemaOf(schema: z.ZodType): ApiResponseSchemaHost['schema'] {
  return z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as ApiResponseSchemaHost['schema'];
}
