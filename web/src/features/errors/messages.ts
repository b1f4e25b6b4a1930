/** What the errors part of the portal says: Simplified Chinese first, English second. */
export const errorsZh = {
  forbiddenTitle: '没有权限',
  forbidden: '您的账号不能打开这个页面。如需帮助，请联系管理员。',
  notFoundTitle: '找不到页面',
  notFound: '这个页面不存在，请检查地址或返回首页。',
};

export const errorsEn: typeof errorsZh = {
  forbiddenTitle: 'Not allowed',
  forbidden: 'Your account cannot open this page. Ask an administrator if you need it.',
  notFoundTitle: 'Page not found',
  notFound: 'This page does not exist. Check the address or go back home.',
};
