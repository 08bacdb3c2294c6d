export { MIGRATIONS } from './migrations';
export {
  REFERENCE_CALENDAR,
  REFERENCE_PROCEDURES,
  REFERENCE_SERVICE_INDEX_RULES,
  REFERENCE_UNITS,
} from './reference/reference-data';
export {
  startEmbeddedDatabase,
  type EmbeddedDatabase,
  type EmbeddedDatabaseOptions,
} from './embedded/embedded-database';
