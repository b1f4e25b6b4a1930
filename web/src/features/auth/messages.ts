/** What the login part of the portal says: Simplified Chinese first, English second. */
export const loginZh = {
  title: '登录安居',
  intro: '请输入用户名或手机号，再输入密码。',
  login: '用户名或手机号',
  password: '密码',
  submit: '登录',
  wrong: '用户名或密码不对，请再试一次。',
  tooMany: '尝试次数太多，请 {{seconds}} 秒后再试。',
  required: '请填写这一项',
  setupHint: '第一次使用？请向社区工作者要激活码。',
};

export const loginEn: typeof loginZh = {
  title: 'Sign in to Anju',
  intro: 'Enter your user name or phone number, then your password.',
  login: 'User name or phone number',
  password: 'Password',
  submit: 'Sign in',
  wrong: 'Wrong user name or password. Please try again.',
  tooMany: 'Too many tries. Please wait {{seconds}} seconds.',
  required: 'Please fill this in',
  setupHint: 'First time? Ask your community worker for a setup code.',
};
