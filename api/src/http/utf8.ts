import type { MiddlewareHandler } from 'hono';
import { AppError } from './problem.ts';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const JSON_TYPE = /^application\/([\w.-]+\+)?json/i;

/**
 * A JSON body must be valid UTF-8 (RFC 8259). Without this check the bytes would be decoded
 * with U+FFFD in place of the broken ones and stored as if the worker had typed them.
 */
export const requireUtf8Json: MiddlewareHandler = async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || !JSON_TYPE.test(c.req.header('content-type') ?? '')) {
    return next();
  }
  // A body that cannot be read (over the size limit) is left to the body limit to answer.
  const bytes = await c.req.arrayBuffer().catch(() => undefined);
  if (bytes) {
    try {
      strictUtf8.decode(bytes);
    } catch {
      throw new AppError('validation', 'The body is not valid UTF-8', {
        errors: [{ path: 'body', message: 'not valid UTF-8' }],
      });
    }
  }
  return next();
};
