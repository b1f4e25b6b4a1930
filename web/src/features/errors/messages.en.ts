/** English for messages.ts, loaded only when English is chosen (web/src/i18n/messages.en.ts). */
import type { errorsZh } from './messages.ts';

export const errorsEn: typeof errorsZh = {
  forbiddenTitle: 'Not allowed',
  forbidden: 'Your account cannot open this page. Ask an administrator if you need it.',
  notFoundTitle: 'Page not found',
  notFound: 'This page does not exist. Check the address or go back home.',
};
