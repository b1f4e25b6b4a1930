import type { OpenAPIHono } from '@hono/zod-openapi';

type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

const methods = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;
type Method = (typeof methods)[number];
const isMethod = (key: string): key is Method => (methods as readonly string[]).includes(key);

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * A self-contained, human-readable API reference rendered from the OpenAPI document
 * (no CDN: community offices often have no reliable internet).
 */
export function renderApiDocs(document: OpenApiDocument): string {
  const rows = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.keys(item).flatMap((method) => {
      const operation = isMethod(method) ? item[method] : undefined;
      if (!operation) return [];
      const parameters = (operation.parameters ?? [])
        .flatMap((p) =>
          'name' in p ? [`<code>${escapeHtml(p.name)}</code> (${p.in}${p.required ? ', required' : ''})`] : [],
        )
        .join(', ');
      return `<tr><td><span class="method ${method}">${method.toUpperCase()}</span></td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(operation.summary ?? '')}${operation.description ? `<br><small>${escapeHtml(operation.description)}</small>` : ''}</td><td>${parameters}</td></tr>`;
    }),
  );
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.info.title)} · API</title>
<style>body{font-family:system-ui,sans-serif;margin:1rem;color:#1f2328}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d0d7de;padding:.5rem;text-align:left;vertical-align:top}.method{font-weight:700;font-family:monospace}.get{color:#0969da}.post{color:#1a7f37}.put,.patch{color:#9a6700}.delete{color:#cf222e}</style>
</head><body><main>
<h1>${escapeHtml(document.info.title)} <small>v${escapeHtml(document.info.version)}</small></h1>
<p>${escapeHtml(document.info.description ?? '')}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors are <code>application/problem+json</code> (RFC 9457).</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What it does</th><th>Parameters</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></main></body></html>`;
}
