// Albums of one's own images, their share links, and the shared-album page a link opens.
import { api, get, withCursor } from '../api.js';
import { field, formatDate, formError, h, notify, show } from '../dom.js';
import { grid } from '../grid.js';
import { navigate, rerender } from '../router.js';

export async function albums() {
  const title = h('input', { name: 'title', required: true, maxlength: 100 });
  const form = h('form', { class: 'inline' }, field('New album title', title),
    h('button', { type: 'submit' }, 'Create album'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const album = await api('POST', '/api/gallery/albums', { title: title.value });
      navigate(`/albums/${album.albumId}`);
    } catch (error) {
      formError(form, error.message);
    }
  });
  const page = await get('/api/gallery/albums?limit=100');
  const list = h('ul', { class: 'albums' }, page.items.map((album) => h('li', {},
    h('a', { href: `/albums/${album.albumId}` },
      album.cover ? h('img', { src: album.cover, alt: '', loading: 'lazy' }) : h('span', { class: 'no-cover' }),
      h('span', { class: 'album-title' }, album.title),
      h('span', { class: 'meta' }, `${album.imageCount} image${album.imageCount === 1 ? '' : 's'}`)))));
  show('Albums', form, page.items.length ? list : h('p', {}, 'No albums yet.'));
}

export async function album(params, albumId) {
  const path = `/api/gallery/albums/${encodeURIComponent(albumId)}`;
  const current = await get(path);
  const content = grid((cursor) => get(withCursor(path, cursor)).then(imagesPage), 'This album is empty.',
                       { onChange: rerender });
  show(current.title, current.description ? h('p', {}, current.description) : null,
    h('div', { class: 'toolbar' },
      h('button', { type: 'button', onclick: () => rename(current, path) }, 'Rename'),
      h('button', { type: 'button', onclick: () => addImages(current, path) }, 'Add images'),
      h('button', { type: 'button', onclick: () => removeImages(current, path) }, 'Remove images'),
      h('button', { type: 'button', class: 'danger', onclick: () => remove(current, path) }, 'Delete album')),
    await links(path), content);
}

/** An album answer as a grid page. */
function imagesPage(answer) {
  return { items: answer.images, nextCursor: answer.nextCursor };
}

function rename(current, path) {
  const title = h('input', { name: 'title', required: true, maxlength: 100, value: current.title });
  const description = h('textarea', { name: 'description', maxlength: 1000, rows: 3 });
  description.value = current.description;
  const form = h('form', {}, field('Title', title), field('Description', description),
    h('p', {}, h('button', { type: 'submit' }, 'Save'), h('button', { type: 'button', onclick: rerender }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('PATCH', path, { title: title.value, description: description.value });
      notify('Album saved.');
      rerender();
    } catch (error) {
      formError(form, error.message);
    }
  });
  document.querySelector('.toolbar').replaceWith(form);
  title.focus();
}

async function addImages(current, path) {
  const mine = await get('/api/gallery/me?limit=100');
  const present = new Set((await get(`${path}?limit=100`)).images.map((card) => card.imageId));
  const choices = mine.items.filter((card) => !present.has(card.imageId));
  pick(choices, 'Add to album', async (imageId) => api('PUT', `${path}/images/${imageId}`),
       'All your images are in this album already.');
}

async function removeImages(current, path) {
  const present = (await get(`${path}?limit=100`)).images;
  pick(present, 'Remove from album', async (imageId) => api('DELETE', `${path}/images/${imageId}`),
       'This album is empty.');
}

/** A checklist of images; the action runs for each chosen one. */
function pick(cards, action, run, emptyText) {
  if (cards.length === 0) {
    notify(emptyText);
    return;
  }
  const form = h('form', { class: 'picker' },
    h('fieldset', {}, h('legend', {}, 'Choose images'),
      h('ul', {}, cards.map((card) => h('li', {}, h('label', {},
        h('input', { type: 'checkbox', name: 'image', value: card.imageId }),
        h('img', { src: card.urls.thumbnail, alt: '' }), card.title || 'Untitled'))))),
    h('p', {}, h('button', { type: 'submit' }, action), h('button', { type: 'button', onclick: rerender }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      for (const box of form.querySelectorAll('input[name=image]:checked')) await run(box.value);
      rerender();
    } catch (error) {
      formError(form, error.message);
    }
  });
  document.querySelector('.toolbar').replaceWith(form);
  form.querySelector('input').focus();
}

async function remove(current, path) {
  if (!window.confirm(`Delete the album “${current.title}”? Its images stay in your gallery.`)) return;
  try {
    await api('DELETE', path);
    notify('Album deleted.');
    navigate('/albums');
  } catch (error) {
    notify(error.message, 'error');
  }
}

/** The album's share links: create one (with an expiry), copy it, revoke it. */
async function links(path) {
  const list = h('div', {});
  const refresh = async () => {
    const live = (await get(`${path}/links`)).items;
    list.replaceChildren(live.length ? h('ul', { class: 'links' }, live.map((link) => h('li', {},
      `Created ${formatDate(link.createdAt)}, ${link.expiresAt ? `expires ${formatDate(link.expiresAt)}`
        : 'never expires'} `,
      h('button', { type: 'button', 'aria-label': `Revoke the link created ${formatDate(link.createdAt)}`,
                    onclick: () => revoke(link) }, 'Revoke')))) : h('p', {}, 'No live links.'));
  };
  const revoke = async (link) => {
    try {
      await api('DELETE', `${path}/links/${link.linkId}`);
      notify('Link revoked.');
      await refresh();
    } catch (error) {
      notify(error.message, 'error');
    }
  };
  const expiry = h('select', { name: 'expiry' },
    h('option', { value: '24' }, '1 day'), h('option', { value: '168' }, '7 days'),
    h('option', { value: '720' }, '30 days'), h('option', { value: '' }, 'Until I revoke it'));
  const created = h('div', { class: 'created-link', 'aria-live': 'polite' });
  const form = h('form', { class: 'inline' }, field('Link expires after', expiry),
    h('button', { type: 'submit' }, 'Create share link'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const link = await api('POST', `${path}/links`, expiry.value ? { expiresInHours: Number(expiry.value) } : {});
      const url = h('input', { readonly: true, value: link.url, 'aria-label': 'Share link', class: 'link' });
      created.replaceChildren(h('p', {}, 'Anyone with this link can see the album, private images included. It '
        + 'is shown only now.'), url,
        h('button', { type: 'button', onclick: () => copy(link.url) }, 'Copy link'),
        h('button', { type: 'button', onclick: () => created.replaceChildren() }, 'Done'));
      url.select();
      await refresh();
    } catch (error) {
      formError(form, error.message);
    }
  });
  await refresh();
  return h('section', { class: 'share', 'aria-labelledby': 'share-heading' },
    h('h2', { id: 'share-heading' }, 'Share links'), list, form, created);
}

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    notify('Link copied.');
  } catch {
    notify('Copy the link from the box above.');
  }
}

export async function shared(params, token) {
  const path = `/api/gallery/shared/${encodeURIComponent(token)}`;
  const current = await get(path, { auth: false });
  show(current.title, h('p', { class: 'meta' }, 'A shared album'),
    current.description ? h('p', {}, current.description) : null,
    grid((cursor) => get(withCursor(path, cursor), { auth: false }).then(imagesPage), 'This album is empty.'));
}
