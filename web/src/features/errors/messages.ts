/** What the errors part of the portal says in Simplified Chinese; English in the .en.ts beside this file, loaded only when chosen. */
export const errorsZh = {
  forbiddenTitle: '没有权限',
  forbidden: '您的账号不能打开这个页面。如需帮助，请联系管理员。',
  notFoundTitle: '找不到页面',
  notFound: '这个页面不存在，请检查地址或返回首页。',
};
