import type { SendLoginCode } from '../access/login-codes.ts';
import { notify } from './notify.ts';

/**
 * How a sign-in code (登录验证码) reaches the phone: by SMS through the outbox, never in the inbox,
 * the code sealed until the delivery worker sends it. Security messages cannot be muted and do
 * not wait for quiet hours (`delivery.ts`).
 */
export function loginCodeSender(encryptionKey: string | undefined): SendLoginCode {
  return async (db, userId, code) => {
    await notify(db, { userId, template: 'login-code', params: {}, secret: { params: { code }, encryptionKey } });
  };
}
