/** English for messages.ts, loaded only when English is chosen (web/src/i18n/messages.en.ts). */
import type { homeZh } from './messages.ts';

export const homeEn: typeof homeZh = {
  welcome: 'Hello, {{name}}',
  pick: 'What would you like to do?',
};
