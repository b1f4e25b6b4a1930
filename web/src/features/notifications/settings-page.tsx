import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, message, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../shared/query-error.tsx';
import { type Preferences, usePreferences, useSavePreferences } from './api.ts';
import './notifications.css';

const categories = ['applications', 'matches', 'work', 'escalations'] as const;

/** 消息设置: which messages, SMS on or off, quiet hours. */
export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const preferences = usePreferences();
  const save = useSavePreferences();
  const [draft, setDraft] = useState<Preferences | null>(null);
  useEffect(() => {
    if (preferences.data && !draft) setDraft(preferences.data);
  }, [preferences.data, draft]);
  return (
    <section className="inbox" aria-labelledby="settings-title">
      <h1 id="settings-title">
        <SettingOutlined aria-hidden="true" /> {t('notifications.settings.title')}
      </h1>
      <QueryError query={preferences} />
      {draft && (
        <form
          className="inbox-settings-form"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(draft, { onSuccess: () => message.success(t('notifications.settings.saved')) });
          }}
        >
          <fieldset>
            <legend>{t('notifications.settings.categories')}</legend>
            {categories.map((category) => (
              <Checkbox
                key={category}
                checked={!draft.mutedCategories.includes(category)}
                onChange={(event) =>
                  setDraft({
                    ...draft,
                    mutedCategories: event.target.checked
                      ? draft.mutedCategories.filter((c) => c !== category)
                      : [...draft.mutedCategories, category],
                  })
                }
              >
                {t(`notifications.categories.${category}`)}
              </Checkbox>
            ))}
          </fieldset>
          <div className="inbox-switch">
            <Switch
              id="sms-enabled"
              checked={draft.smsEnabled}
              onChange={(smsEnabled) => setDraft({ ...draft, smsEnabled })}
            />
            <label htmlFor="sms-enabled">{t('notifications.settings.sms')}</label>
          </div>
          <p className="inbox-hint">{t('notifications.settings.smsHint')}</p>
          <fieldset>
            <legend>{t('notifications.settings.quiet')}</legend>
            <label>
              {t('notifications.settings.quietStart')}{' '}
              <input
                type="time"
                value={draft.quietStart}
                required
                onChange={(event) => setDraft({ ...draft, quietStart: event.target.value })}
              />
            </label>
            <label>
              {t('notifications.settings.quietEnd')}{' '}
              <input
                type="time"
                value={draft.quietEnd}
                required
                onChange={(event) => setDraft({ ...draft, quietEnd: event.target.value })}
              />
            </label>
          </fieldset>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </form>
      )}
    </section>
  );
}
