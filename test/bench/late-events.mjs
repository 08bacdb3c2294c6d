/**
 * What reaches the server between two refreshes, without running them: 1,000 of the open
 * dossiers (oldest receipts first) resolved now, and a late rating of 1,000 resolved dossiers
 * spread over the history, each dated an hour after its resolution. Shared by the ranking and the
 * report benchmarks, which time their reads right after it.
 */
export async function sendLateEvents(dataSource, ingest, idPrefix) {
  const principal = { keyId: null, unitCode: null };
  const open = await dataSource.query(
    `SELECT unit_code, code FROM dossiers WHERE status IN ('received', 'in_process')
     ORDER BY received_at LIMIT 1000`,
  );
  const rated = await dataSource.query(
    `SELECT unit_code, code, resolved_at FROM dossiers TABLESAMPLE SYSTEM (5)
     WHERE resolved_at IS NOT NULL AND resolved_at < now() - INTERVAL '1 day' LIMIT 1000`,
  );
  const now = new Date().toISOString();
  const events = [
    ...open.map((d) => ({
      id: `${idPrefix}-${d.unit_code}-${d.code}-resolved`,
      unit: d.unit_code,
      type: 'dossier.resolved',
      at: now,
      dossier: { code: d.code },
    })),
    ...rated.map((d) => ({
      id: `${idPrefix}-${d.unit_code}-${d.code}-rating`,
      unit: d.unit_code,
      type: 'feedback.submitted',
      at: new Date(d.resolved_at.getTime() + 3_600_000).toISOString(),
      rating: 1 + (d.code.length % 5),
      source: 'kiosk',
      dossier: { code: d.code },
    })),
  ];
  for (let i = 0; i < events.length; i += 1000) {
    const result = await ingest.ingest(principal, events.slice(i, i + 1000), 'events');
    if (result.rejected.length > 0)
      throw new Error(`late events rejected: ${JSON.stringify(result.rejected[0])}`);
  }
  return { resolved: open.length, ratings: rated.length };
}
