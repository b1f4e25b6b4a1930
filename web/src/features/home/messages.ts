/** What the home part of the portal says in Simplified Chinese; English in the .en.ts beside this file, loaded only when chosen. */
export const homeZh = {
  welcome: '您好，{{name}}',
  pick: '请选择要做的事：',
};
