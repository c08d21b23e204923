// Client-side routes on real paths (the servers answer every app path with index.html), with links followed
// without a reload and the back button working.
import { notify, show, h } from './dom.js';
import { session } from './session.js';

const routes = [];
let updateNavigation = () => {};

/** Adds a route: a path pattern with :names, the view, and whether it needs a signed-in person. */
export function route(pattern, view, { signedIn = false } = {}) {
  const names = [];
  const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (match, name) => {
    names.push(name);
    return '([^/]+)';
  })}$`);
  routes.push({ regex, view, signedIn });
}

export function onNavigate(listener) {
  updateNavigation = listener;
}

export function navigate(path) {
  history.pushState(null, '', path);
  render();
}

export function rerender() {
  render();
}

export async function render() {
  const url = new URL(location.href);
  updateNavigation(url.pathname);
  const match = routes.map((candidate) => ({ candidate, found: candidate.regex.exec(url.pathname) }))
    .find(({ found }) => found);
  if (!match) {
    show('Page not found', h('p', {}, 'There is nothing at this address. ', h('a', { href: '/' }, 'Go to the feed')));
    return;
  }
  if (match.candidate.signedIn && !session()) {
    navigate('/signin');
    return;
  }
  try {
    await match.candidate.view(url.searchParams, ...match.found.slice(1).map(decodeURIComponent));
  } catch (error) {
    show(error.status === 404 ? 'Not found' : 'Something went wrong', h('p', { role: 'alert' }, error.message));
    if (error.status !== 404) notify(error.message, 'error');
  }
}

export function start() {
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[href]');
    if (!link || link.target || link.origin !== location.origin || event.ctrlKey || event.metaKey
        || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(link.pathname + link.search);
  });
  window.addEventListener('popstate', render);
  render();
}
