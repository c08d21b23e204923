// The image viewer: a modal dialog with the medium rendition, its details, arrows to move through the grid, the
// original on demand, and, for the owner, editing and deleting.
import { api, get } from './api.js';
import { field, formatDate, formError, h, notify } from './dom.js';
import { session } from './session.js';

let dialog;

export function openViewer(cards, index, onChange) {
  dialog?.remove();
  dialog = h('dialog', { class: 'viewer', 'aria-label': 'Image viewer' });
  document.body.append(dialog);
  // On the document, not the dialog: a re-render replaces the element that had focus.
  const keys = (event) => {
    if (event.target.closest?.('form')) return;
    if (event.key === 'ArrowRight' && index < cards.length - 1) render(++index);
    if (event.key === 'ArrowLeft' && index > 0) render(--index);
  };
  document.addEventListener('keydown', keys);
  dialog.addEventListener('close', () => {
    document.removeEventListener('keydown', keys);
    dialog.remove();
  });

  function render(at) {
    const card = cards[at];
    const mine = session()?.userId === card.ownerId;
    const image = h('img', { src: card.urls.medium, alt: card.title || 'Untitled image', width: card.width,
                             height: card.height });
    image.style.aspectRatio = `${card.width} / ${card.height}`;
    const details = h('div', { class: 'details' },
      h('h2', {}, card.title || 'Untitled'),
      card.description ? h('p', {}, card.description) : null,
      h('p', { class: 'meta' }, 'By ',
        h('a', { href: `/users/${card.ownerId}`, onclick: () => dialog.close() }, card.ownerDisplayName || 'its owner'),
        ` · ${formatDate(card.createdAt)} · `, card.visibility === 'public' ? 'Public' : 'Private'),
      h('p', { class: 'actions' },
        h('button', { type: 'button', onclick: () => original(card) }, 'Open the original'),
        mine ? h('button', { type: 'button', onclick: () => edit(card, details) }, 'Edit') : null,
        mine ? h('button', { type: 'button', class: 'danger', onclick: () => remove(card) }, 'Delete') : null));
    dialog.replaceChildren(
      h('div', { class: 'viewer-bar' },
        h('button', { type: 'button', 'aria-label': 'Previous image', disabled: at === 0,
                      onclick: () => render(--index) }, '←'),
        h('span', { 'aria-live': 'polite' }, `${at + 1} of ${cards.length}`),
        h('button', { type: 'button', 'aria-label': 'Next image', disabled: at === cards.length - 1,
                      onclick: () => render(++index) }, '→'),
        h('button', { type: 'button', 'aria-label': 'Close viewer', onclick: () => dialog.close() }, '✕')),
      h('figure', {}, image), details);
    // Focus stays in the dialog, on the way onwards.
    dialog.querySelector('.viewer-bar button:not([disabled])').focus();
  }

  async function original(card) {
    try {
      const image = await get(`/api/images/${card.imageId}`);
      window.open(image.urls.original, '_blank', 'noopener');
    } catch (error) {
      notify(error.message, 'error');
    }
  }

  function edit(card, details) {
    const title = h('input', { name: 'title', value: card.title, maxlength: 200 });
    const description = h('textarea', { name: 'description', maxlength: 2000, rows: 3 });
    description.value = card.description || '';
    const visibility = h('select', { name: 'visibility' },
      h('option', { value: 'private', selected: card.visibility === 'private' }, 'Private: only you'),
      h('option', { value: 'public', selected: card.visibility === 'public' }, 'Public: everyone'));
    const form = h('form', { class: 'edit' }, field('Title', title), field('Description', description),
      field('Visibility', visibility),
      h('p', {}, h('button', { type: 'submit' }, 'Save'),
        h('button', { type: 'button', onclick: () => render(index) }, 'Cancel')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const saved = await api('PATCH', `/api/images/${card.imageId}`, {
          title: title.value, description: description.value, visibility: visibility.value });
        Object.assign(card, { title: saved.title, description: saved.description, visibility: saved.visibility });
        notify('Saved.');
        render(index);
        onChange?.();
      } catch (error) {
        formError(form, error.message);
      }
    });
    details.replaceChildren(form);
    title.focus();
  }

  async function remove(card) {
    if (!window.confirm(`Delete “${card.title || 'Untitled'}” for good? It leaves every gallery and album.`)) return;
    try {
      await api('DELETE', `/api/images/${card.imageId}`);
      notify('Deleted.');
      dialog.close();
      onChange?.();
    } catch (error) {
      notify(error.message, 'error');
    }
  }

  render(index);
  dialog.showModal();
}
