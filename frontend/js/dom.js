// Building the page from data without HTML strings: text always goes in as text, so a title can't become markup.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Replaces the main region's content, moves focus to its heading and names the page. */
export function show(title, ...content) {
  const main = document.getElementById('main');
  const heading = h('h1', { tabindex: '-1' }, title);
  main.replaceChildren(heading, ...content.filter((part) => part !== null && part !== undefined && part !== false));
  document.title = `${title} · Cloud Gallery`;
  heading.focus({ preventScroll: true });
  window.scrollTo(0, 0);
  return main;
}

/** A message in the live region, read out by screen readers; errors stay until the next message. */
export function notify(message, kind = 'info') {
  const region = document.getElementById('status');
  region.className = `status ${kind}`;
  region.textContent = message;
  if (kind !== 'error') setTimeout(() => { if (region.textContent === message) region.textContent = ''; }, 5000);
}

/** An inline error for a form: role alert, so it is announced. */
export function formError(form, message) {
  let box = form.querySelector('.form-error');
  if (!box) {
    box = h('p', { class: 'form-error', role: 'alert' });
    form.prepend(box);
  }
  box.textContent = message;
}

export function field(label, input) {
  const id = input.id || `field-${Math.random().toString(36).slice(2)}`;
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}

export function formatDate(iso) {
  return new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}
