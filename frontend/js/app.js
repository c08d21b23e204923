// The single page: its navigation and its routes.
import { h } from './dom.js';
import { onNavigate, route, start } from './router.js';
import { onChange, session } from './session.js';
import { confirm, profile, register, signin, signout } from './views/account.js';
import { album, albums, shared } from './views/albums.js';
import { feed, mine, search, user } from './views/galleries.js';
import { upload } from './views/upload.js';

route('/', feed);
route('/search', search);
route('/users/:userId', user);
route('/shared/:token', shared);
route('/register', register);
route('/confirm', confirm);
route('/signin', signin);
route('/me', mine, { signedIn: true });
route('/upload', upload, { signedIn: true });
route('/albums', albums, { signedIn: true });
route('/albums/:albumId', album, { signedIn: true });
route('/profile', profile, { signedIn: true });

function navigation() {
  const links = session()
    ? [['/', 'Feed'], ['/search', 'Search'], ['/me', 'My gallery'], ['/upload', 'Upload'], ['/albums', 'Albums'],
       ['/profile', 'Profile']]
    : [['/', 'Feed'], ['/search', 'Search'], ['/signin', 'Sign in'], ['/register', 'Create account']];
  const items = links.map(([href, label]) => h('li', {}, h('a', { href }, label)));
  if (session()) items.push(h('li', {}, h('button', { type: 'button', class: 'link-button', onclick: signout },
                                          'Sign out')));
  document.getElementById('nav').replaceChildren(h('ul', {}, items));
}

onNavigate((path) => {
  document.querySelectorAll('#nav a').forEach((link) => {
    if (link.pathname === path) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
});
onChange(() => {
  navigation();
});
navigation();
start();
