/** English for messages.ts, loaded only when English is chosen (web/src/i18n/messages.en.ts). */
import type { notificationsZh } from './messages.ts';

export const notificationsEn: typeof notificationsZh = {
  bell: 'Messages',
  bellUnread: 'Messages, {{count}} unread',
  title: 'Messages',
  empty: 'No messages yet.',
  unread: 'Unread',
  markAllRead: 'Mark all read',
  open: 'Open',
  markRead: 'Mark read',
  settingsLink: 'Message settings',
  settings: {
    title: 'Message settings',
    categories: 'Which messages I want',
    sms: 'Also text my phone',
    smsHint: 'At most 5 texts a day; the rest only appear in Messages.',
    quiet: 'Quiet hours (China time, no texts)',
    quietStart: 'From',
    quietEnd: 'To',
    saved: 'Saved',
  },
  categories: {
    applications: 'Application updates',
    matches: 'New jobs and courses',
    work: 'Visits and alerts due',
    escalations: 'Escalations',
  },
  consent: {
    title: 'Let employers see me',
    explain:
      'When on, employers with a fitting job see your surname, age, site and skills (never your ID number or income) and may contact you.',
    givenOn: 'Allowed since {{date}}',
    givenBy: {
      self: 'by you',
      helper: 'recorded by your helper',
      worker: 'recorded by a community worker',
      register: 'from the register',
    },
    notGiven: 'Employers cannot see you now, except for jobs you applied to.',
    give: 'Allow',
    withdraw: 'Withdraw',
    withdrawn: 'Withdrawn: employers no longer see you',
  },
};
