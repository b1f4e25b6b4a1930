import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs; sensitive fields are redacted wherever they appear. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'anju' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'password',
          '*.password',
          'idNumber',
          '*.idNumber',
          'headers.cookie',
          '*.headers.cookie',
          'masterKey',
          '*.masterKey',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
