import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** A request id a proxy (nginx `$request_id`) or a client may pass on; anything else is replaced. */
const REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * Structured JSON logs (pino): one line per event, every line written while a request is handled
 * carries that request's id (`reqId`, also sent back as `X-Request-Id`). What a request line
 * records is chosen, not redacted after the fact: method, path without its query string, status,
 * time. No header, body, key, token or citizen comment is ever serialised.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          quietReqLogger: true,
          genReqId: (request: IncomingMessage, response: ServerResponse) => {
            const given = request.headers['x-request-id'];
            const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
            response.setHeader('X-Request-Id', id);
            return id;
          },
          serializers: {
            req: (request: { id: unknown; method: string; url: string }) => ({
              id: request.id,
              method: request.method,
              path: request.url.split('?')[0],
            }),
            res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
          },
          // Health checks every few seconds from Docker and nginx would drown the rest.
          autoLogging: { ignore: (request: IncomingMessage) => request.url === '/api/health' },
          customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
            error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
        },
      }),
    }),
  ],
})
export class LoggingModule {}
