/**
 * A refused request is audited as its route (`GET /api/households/:id`, resource `households`,
 * id `/api/households/12`): the log shows it as words instead — the method as a verb (查看),
 * the first path segment as what was asked for (家庭), and the ids in the path.
 */
const REQUEST = /^(GET|HEAD|POST|PUT|PATCH|DELETE) \/api\/([^/\s]+)/;

export type RequestVerb = 'read' | 'submit' | 'update' | 'delete';

const verbOf: Record<string, RequestVerb> = {
  GET: 'read',
  HEAD: 'read',
  POST: 'submit',
  PUT: 'update',
  PATCH: 'update',
  DELETE: 'delete',
};

export interface RequestWords {
  /** `audit.requestVerbs.<verb>` */
  verbKey: `audit.requestVerbs.${RequestVerb}`;
  /** `audit.requestPaths.<segment>`; the caller falls back to `audit.requestPaths.other`. */
  pathKey: string;
  /** The numeric ids in the requested path, e.g. `['12']` for `/api/households/12/members`. */
  ids: string[];
}

/** The words for an audit entry written for a refused request, or null for any other entry. */
export function requestWords(action: string, resourceId: string | null): RequestWords | null {
  const match = REQUEST.exec(action);
  if (!match) return null;
  const [, method, segment] = match;
  const ids = (resourceId ?? '').split(/[/?&=]/).filter((part) => /^\d+$/.test(part));
  return {
    verbKey: `audit.requestVerbs.${verbOf[method]}`,
    pathKey: `audit.requestPaths.${segment.replaceAll('.', '_')}`,
    ids,
  };
}
