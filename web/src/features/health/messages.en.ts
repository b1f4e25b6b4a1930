/** English for messages.ts, loaded only when English is chosen (web/src/i18n/messages.en.ts). */
import type { healthZh } from './messages.ts';

export const healthEn: typeof healthZh = {
  title: 'System status',
  ok: 'OK',
  down: 'Down',
  loading: 'Checking…',
  api: 'API',
  db: 'Database',
  search: 'Search',
};
