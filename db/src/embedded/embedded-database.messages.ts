export type EmbeddedDatabaseMessage =
  { type: 'ready'; port: number } | { type: 'failed'; message: string } | { type: 'stop' };
