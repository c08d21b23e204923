// Registering (with the emailed code), signing in and out, and the profile page.
import { api, get } from '../api.js';
import { field, formError, h, notify, show } from '../dom.js';
import { clear, remember, session, store } from '../session.js';
import { navigate } from '../router.js';

// Between registering and confirming, the password stays in this page's memory only, to sign in right after the
// code; after a reload the person signs in by hand.
let pending;

export function register() {
  const displayName = h('input', { name: 'displayName', required: true, maxlength: 50, autocomplete: 'nickname' });
  const email = h('input', { name: 'email', type: 'email', required: true, autocomplete: 'email' });
  const password = h('input', { name: 'password', type: 'password', required: true, minlength: 8,
                                autocomplete: 'new-password', 'aria-describedby': 'password-rules' });
  const form = h('form', {}, field('Display name', displayName), field('Email', email), field('Password', password),
    h('p', { id: 'password-rules', class: 'hint' }, 'At least 8 characters, with an upper-case letter, a lower-case '
      + 'letter and a digit.'),
    h('button', { type: 'submit' }, 'Create account'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const account = await api('POST', '/api/users/register', {
        displayName: displayName.value, email: email.value, password: password.value }, { auth: false });
      pending = { email: account.email, password: password.value };
      if (account.confirmationRequired) navigate(`/confirm?email=${encodeURIComponent(account.email)}`);
      else await signIn(account.email, password.value);
    } catch (error) {
      formError(form, error.message);
    }
  });
  show('Create an account', form, h('p', {}, 'Have an account already? ', h('a', { href: '/signin' }, 'Sign in')));
}

export function confirm(params) {
  const email = h('input', { name: 'email', type: 'email', required: true, value: params.get('email') || '' });
  const code = h('input', { name: 'code', required: true, inputmode: 'numeric', autocomplete: 'one-time-code' });
  const form = h('form', {}, h('p', {}, 'We sent a confirmation code to your email address.'),
    field('Email', email), field('Confirmation code', code), h('button', { type: 'submit' }, 'Confirm'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('POST', '/api/users/confirm', { email: email.value, code: code.value }, { auth: false });
      const registered = pending;
      pending = undefined;
      if (registered?.email === email.value) {
        await signIn(registered.email, registered.password);
      } else {
        notify('Confirmed. You can sign in now.');
        navigate('/signin');
      }
    } catch (error) {
      formError(form, error.message);
    }
  });
  show('Confirm your account', form);
}

export function signin() {
  const email = h('input', { name: 'email', type: 'email', required: true, autocomplete: 'email' });
  const password = h('input', { name: 'password', type: 'password', required: true,
                                autocomplete: 'current-password' });
  const form = h('form', {}, field('Email', email), field('Password', password),
    h('button', { type: 'submit' }, 'Sign in'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await signIn(email.value, password.value);
    } catch (error) {
      formError(form, error.message);
    }
  });
  show('Sign in', form, h('p', {}, 'New here? ', h('a', { href: '/register' }, 'Create an account')));
}

async function signIn(email, password) {
  const tokens = await api('POST', '/api/users/login', { email, password }, { auth: false });
  store(tokens);
  remember(await get('/api/users/me'));
  notify(`Signed in as ${session().displayName}.`);
  navigate('/me');
}

export async function signout() {
  try {
    await api('POST', '/api/users/logout', { refreshToken: session()?.refreshToken });
  } catch {
    // Signed out here whatever the server said: the tokens are forgotten below.
  }
  clear();
  notify('Signed out.');
  navigate('/');
}

export async function profile() {
  const [me, quota] = await Promise.all([get('/api/users/me'), get('/api/images/quota')]);
  const displayName = h('input', { name: 'displayName', required: true, maxlength: 50, value: me.displayName });
  const bio = h('textarea', { name: 'bio', maxlength: 500, rows: 4 });
  bio.value = me.bio;
  const form = h('form', {}, field('Display name', displayName), field('Bio', bio),
    h('button', { type: 'submit' }, 'Save profile'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      remember(await api('PATCH', '/api/users/me', { displayName: displayName.value, bio: bio.value }));
      notify('Profile saved.');
    } catch (error) {
      formError(form, error.message);
    }
  });
  const used = h('meter', { min: 0, max: quota.maxBytes, value: quota.bytes, 'aria-label': 'Storage used' });
  show('Your profile', h('p', {}, me.email), form,
    h('section', { 'aria-labelledby': 'quota' }, h('h2', { id: 'quota' }, 'Storage'), used,
      h('p', {}, `${quota.images} of ${quota.maxImages} images, ${megabytes(quota.bytes)} of `
        + `${megabytes(quota.maxBytes)} used.`)));
}

export function megabytes(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
