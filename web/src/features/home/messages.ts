/** What the home part of the portal says: Simplified Chinese first, English second. */
export const homeZh = {
  welcome: '您好，{{name}}',
  pick: '请选择要做的事：',
};

export const homeEn: typeof homeZh = {
  welcome: 'Hello, {{name}}',
  pick: 'What would you like to do?',
};
