import type { HonoRequest } from 'hono';
import { AppError } from './problem.ts';

/**
 * The multipart form of an upload and its `file` field. The body is read once (`formData()`
 * caches it; reading it again another way would fail); a body that is not multipart, or a form
 * without a file, is the client's mistake: 400 naming the field, never 500.
 */
export async function readUploadForm(req: HonoRequest, what: string): Promise<{ form: FormData; file: File }> {
  let form: FormData | undefined;
  try {
    form = await req.formData();
  } catch {
    form = undefined;
  }
  const file = form?.get('file');
  if (!form || !file || typeof file === 'string') {
    throw new AppError('validation', `Send the ${what} as multipart field "file"`, {
      errors: [{ path: 'file', message: 'required', code: 'required' }],
    });
  }
  return { form, file };
}
