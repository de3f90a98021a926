/**
 * A multipart form read whole: its fields and its files (in memory, each at most the desk's upload limit, which
 * @fastify/multipart enforces while reading, so an oversized upload is refused before anything is written).
 */
import type { FastifyRequest } from 'fastify';
import { UserError } from '../../UserError.js';

export interface MultipartForm {
  fields: Record<string, string>;
  files: { name: string; bytes: Buffer }[];
}

export async function readMultipart(request: FastifyRequest): Promise<MultipartForm> {
  if (!request.isMultipart()) throw new UserError('input', '请用表单上传文件（multipart/form-data）');
  const form: MultipartForm = { fields: {}, files: [] };
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      // An empty file input sends one part with no name and no bytes.
      if (part.filename || bytes.length > 0) form.files.push({ name: part.filename || '未命名', bytes });
    } else form.fields[part.fieldname] = String(part.value);
  }
  return form;
}
