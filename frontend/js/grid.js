// A grid of image cards that loads the next page as its end scrolls into view. Each tile keeps the image's aspect
// ratio while the thumbnail loads, so nothing jumps.
import { describe } from './api.js';
import { h, notify } from './dom.js';
import { openViewer } from './viewer.js';

/**
 * @param load      (cursor) => Promise<{items, nextCursor?}>
 * @param emptyText what to say when there is nothing at all
 * @param options   {onChange}: called after the viewer changed or deleted an image
 */
export function grid(load, emptyText, options = {}) {
  const cards = [];
  const list = h('ul', { class: 'grid', 'aria-label': 'Images' });
  const sentinel = h('div', { class: 'sentinel', 'aria-hidden': 'true' });
  const more = h('p', { class: 'loading', role: 'status' });
  const container = h('section', { class: 'grid-section' }, list, more, sentinel);
  let cursor;
  let finished = false;
  let loading = false;

  async function next() {
    if (loading || finished) return;
    loading = true;
    more.textContent = 'Loading…';
    try {
      const page = await load(cursor);
      page.items.forEach((card) => {
        cards.push(card);
        list.append(tile(card, cards, options));
      });
      cursor = page.nextCursor;
      finished = !cursor;
      more.textContent = cards.length === 0 ? emptyText : '';
      if (!finished && sentinel.getBoundingClientRect().top < window.innerHeight * 2) queueMicrotask(next);
    } catch (error) {
      more.textContent = '';
      notify(error.message || describe(0), 'error');
    } finally {
      loading = false;
    }
  }

  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) next();
  }, { rootMargin: '600px' });
  observer.observe(sentinel);
  next();
  return container;
}

function tile(card, cards, options) {
  const image = h('img', { src: card.urls.thumbnail, alt: card.title || 'Untitled image', loading: 'lazy',
                           width: card.width, height: card.height });
  const button = h('button', { class: 'tile', type: 'button',
                               'aria-label': `${card.title || 'Untitled image'}${card.ownerDisplayName
                                 ? `, by ${card.ownerDisplayName}` : ''}` }, image);
  button.style.aspectRatio = `${card.width} / ${card.height}`;
  button.addEventListener('click', () => openViewer(cards, cards.indexOf(card), options.onChange));
  const item = h('li', {}, button);
  if (card.visibility === 'private') item.append(h('span', { class: 'badge' }, 'Private'));
  return item;
}
