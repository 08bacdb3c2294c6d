export * from './units/unit';
export * from './procedures/procedure';
export * from './calendar/working-calendar';
export * from './deadline/deadline';
export * from './events/ingest-event';
export * from './dossiers/dossier-state';
export * from './live/live-metrics';
export * from './live/live-protocol';
