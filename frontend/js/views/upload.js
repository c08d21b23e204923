// Uploading: pick or drop files; each is checked here first (type, size), then sent straight to storage with the
// grant the image service hands out, with a progress bar of the bytes sent, then followed until it is ready.
import { api, get } from '../api.js';
import { h, notify, show } from '../dom.js';
import { megabytes } from './account.js';

// As image-service's application.yaml: images.max-upload-bytes, and API.md's types.
export const MAX_BYTES = 25 * 1024 * 1024;
export const TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
const REASONS = {
  not_an_image: 'This file is not an image.',
  type_mismatch: 'The file’s contents are not the type its name says.',
  too_large: 'The file is larger than allowed.',
  too_many_pixels: 'The image has too many pixels (more than 50 megapixels).',
  corrupt: 'The image is damaged and could not be read.',
};

export function upload() {
  const input = h('input', { type: 'file', id: 'files', multiple: true, accept: TYPES.join(','),
                             class: 'visually-hidden' });
  const list = h('ul', { class: 'uploads', 'aria-label': 'Uploads' });
  const zone = h('div', { class: 'dropzone' },
    h('p', {}, 'Drop images here, or '),
    h('label', { for: 'files', class: 'button' }, 'Choose images'), input,
    h('p', { class: 'hint' }, `JPEG, PNG, GIF or WebP, up to ${megabytes(MAX_BYTES)} each. New images are private `
      + 'until you make them public.'));
  input.addEventListener('change', () => {
    [...input.files].forEach((file) => start(file, list));
    input.value = '';
  });
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    [...event.dataTransfer.files].forEach((file) => start(file, list));
  });
  show('Upload images', zone, list);
}

function start(file, list) {
  const progress = h('progress', { max: 100, value: 0, 'aria-label': `${file.name} upload progress` });
  const state = h('span', { class: 'state', role: 'status' }, 'Waiting');
  list.append(h('li', {}, h('span', { class: 'name' }, file.name), progress, state));
  const refuse = (message) => {
    progress.remove();
    state.textContent = message;
    state.classList.add('error');
  };
  if (!TYPES.includes(file.type)) return refuse('Not sent: only JPEG, PNG, GIF and WebP images can be uploaded.');
  if (file.size > MAX_BYTES) return refuse(`Not sent: larger than ${megabytes(MAX_BYTES)}.`);
  if (file.size === 0) return refuse('Not sent: the file is empty.');
  send(file, progress, state).catch((error) => refuse(error.message));
}

async function send(file, progress, state) {
  state.textContent = 'Starting';
  const grant = await api('POST', '/api/images', {
    filename: file.name, contentType: file.type, size: file.size, title: file.name.replace(/\.[^.]+$/, '') });
  state.textContent = 'Uploading';
  await transfer(grant.upload, file, (sent) => {
    progress.value = Math.round((sent / file.size) * 100);
  });
  progress.value = 100;
  await api('POST', `/api/images/${grant.imageId}/complete`);
  state.textContent = 'Processing';
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const image = await get(`/api/images/${grant.imageId}`);
    if (image.status === 'READY') {
      state.textContent = 'Ready';
      notify(`${file.name} is ready.`);
      return;
    }
    if (image.status === 'REJECTED') throw new Error(REASONS[image.rejectReason] || 'The image was refused.');
  }
}

/** Sends the bytes as the grant says (a browser POST with its fields first, or a PUT), reporting bytes sent. */
function transfer(target, file, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(target.method, target.url);
    request.upload.addEventListener('progress', (event) => onProgress(event.loaded));
    request.addEventListener('load', () => (request.status < 300 ? resolve()
      : reject(new Error('Storage refused the upload. Please try again.'))));
    request.addEventListener('error', () => reject(new Error('The upload failed: the network is unreachable.')));
    if (target.method === 'POST') {
      const form = new FormData();
      Object.entries(target.fields || {}).forEach(([name, value]) => form.append(name, value));
      form.append('file', file);
      request.send(form);
    } else {
      Object.entries(target.headers || {}).forEach(([name, value]) => request.setRequestHeader(name, value));
      request.send(file);
    }
  });
}
