// Every call to /api/*: JSON in and out, the session's bearer token, one renewal and retry on a 401, and errors
// (RFC 9457 problems, or API Gateway's own {"message"}) turned into sentences a person can act on.
import { clear, needsRenewal, renew, session } from './session.js';

export class ApiError extends Error {
  constructor(status, message, problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

const FIELD_NAMES = {
  displayName: 'Display name', email: 'Email', password: 'Password', code: 'Code', title: 'Title',
  description: 'Description', bio: 'Bio', size: 'File size', contentType: 'File type', expiresInHours: 'Expiry',
};

/** The words a person sees for a failed call. */
export function describe(status, problem) {
  if (problem?.errors?.length) {
    return problem.errors.map((error) => `${FIELD_NAMES[error.field] || error.field} ${error.message}.`).join(' ');
  }
  if (status >= 500) return 'The service is unavailable right now. Nothing was lost; please try again shortly.';
  if (status === 429) return 'Too many requests. Please wait a moment and try again.';
  // The services' problems are written for people ("The email or password is wrong."); API Gateway's are not.
  if (problem?.detail) return problem.detail;
  if (status === 401) return 'Please sign in to do that.';
  if (status === 404) return 'That is not here: it may have been deleted, or it is not shared with you.';
  if (status === 413) return 'That is too large to send.';
  return `Something went wrong (${status}).`;
}

export async function api(method, path, body, { auth = true } = {}) {
  if (auth && needsRenewal()) await renew().catch(() => {});
  let response = await send(method, path, body, auth);
  if (response.status === 401 && auth && session()?.refreshToken) {
    try {
      await renew();
      response = await send(method, path, body, auth);
    } catch {
      clear();
    }
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) throw new ApiError(response.status, describe(response.status, json), json);
  return json;
}

function send(method, path, body, auth) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = session()?.accessToken;
  if (auth && token) headers.Authorization = `Bearer ${token}`;
  return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    .catch(() => {
      throw new ApiError(0, 'The network is unreachable. Check your connection and try again.');
    });
}

export const get = (path, options) => api('GET', path, undefined, options);

/** A list's path asking for the page after {@code cursor} (the previous page's nextCursor), if any. */
export function withCursor(path, cursor) {
  return cursor ? `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}` : path;
}
