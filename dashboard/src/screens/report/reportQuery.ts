import type { ReportUrlQuery } from '../../router/routes';

/** The API's query string of a report in the URL (its own parameters, in a stable order). */
export function reportQueryString(query: ReportUrlQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  params.sort();
  return params.toString();
}
