// Builds DOM nodes from data without HTML strings, so nothing a user or the API sends is ever parsed as markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * h('button', { class: 'button', type: 'button', onclick: fn }, 'Save') → <button>.
 * Props: `class`, `text`, `dataset`, `on<event>` handlers, booleans (true → empty attribute, false/null → left out),
 * anything else as an attribute. Children: nodes, strings, numbers, arrays; null/false/undefined are skipped.
 */
export function h(tag, props = {}, ...children) {
  return build(document.createElement(tag), props, children);
}

/** Like h() but in the SVG namespace. */
export function s(tag, props = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), props, children);
}

function build(element, props, children) {
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'text') {
      element.textContent = value;
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else {
      element.append(child instanceof Node ? child : String(child));
    }
  }
}

let nextId = 0;

/** A document-unique id for wiring labels, hints and errors to their controls. */
export function uid(prefix) {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** The page's title (focused after a navigation) and a line about it. */
export function pageHead(title, intro) {
  return h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, title), h('p', {}, intro));
}

/** A "Loading…" line screen readers announce. */
export function loading(text = 'Loading…') {
  return h('p', { class: 'loading', role: 'status' }, text);
}

let toastTimer = 0;

/** A short message at the bottom of the screen, announced politely; an empty one takes the last one away. */
export function toast(message) {
  const region = document.getElementById('toast');
  region.textContent = message;
  clearTimeout(toastTimer);
  if (message) {
    toastTimer = setTimeout(() => { region.textContent = ''; }, 6000);
  }
}
