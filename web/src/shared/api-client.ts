import { hc } from 'hono/client';
import type { AppType } from '../../../api/src/app.ts';

/** The typed API client: request and response types come straight from the API's routes. */
export const api = hc<AppType>('/', { init: { credentials: 'same-origin' } });
