import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { ZodType } from 'zod';

/** Validates a request part against a shared schema; the 400 names every offending field. */
export class ZodValidationPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: ZodType<T>) {}

  transform(value: unknown): T {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new BadRequestException(
      parsed.error.issues.flatMap((issue) =>
        // A strict schema's unknown parameters, each named (a misspelt filter must not pass silently).
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) =>
              issue.path.length > 0
                ? `${issue.path.join('.')}: '${key}' is not a known field`
                : `${key}: is not a known parameter`,
            )
          : [`${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`],
      ),
    );
  }
}
