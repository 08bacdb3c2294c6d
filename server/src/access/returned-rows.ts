/**
 * TypeORM answers an UPDATE … RETURNING with `[rows, affected]` (a SELECT or INSERT with the
 * rows alone): the rows, whichever came.
 */
export function returnedRows<T>(result: T[] | [T[], number]): T[] {
  return result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number'
    ? result[0]
    : (result as T[]);
}
