// The lists of cards: the public feed, a person's gallery, one's own, and search results.
import { get, withCursor } from '../api.js';
import { field, h, show } from '../dom.js';
import { grid } from '../grid.js';
import { navigate, rerender } from '../router.js';
import { session } from '../session.js';

const page = (path) => (cursor) => get(withCursor(path, cursor));

export function feed() {
  show('Public feed', grid(page('/api/gallery/feed'), 'Nothing public yet. Upload an image and make it public.',
                           { onChange: rerender }));
}

export function mine() {
  show('My gallery', h('p', {}, h('a', { href: '/upload', class: 'button' }, 'Upload images')),
    grid(page('/api/gallery/me'), 'You have no images yet.', { onChange: rerender }));
}

export async function user(params, userId) {
  const profile = await get(`/api/users/${encodeURIComponent(userId)}`, { auth: false });
  show(profile.displayName, profile.bio ? h('p', {}, profile.bio) : null,
    grid(page(`/api/gallery/users/${encodeURIComponent(userId)}`),
         session()?.userId === userId ? 'You have no images yet.' : 'No public images yet.',
         { onChange: rerender }));
}

export function search(params) {
  const query = params.get('q') || '';
  const input = h('input', { type: 'search', name: 'q', value: query, maxlength: 200, required: true });
  const form = h('form', { role: 'search' }, field('Search titles and descriptions', input),
    h('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(`/search?q=${encodeURIComponent(input.value.trim())}`);
  });
  show(query ? `Search: ${query}` : 'Search', form,
    query ? grid(page(`/api/gallery/search?q=${encodeURIComponent(query)}`), `Nothing matches “${query}”.`,
                 { onChange: rerender }) : null);
}
