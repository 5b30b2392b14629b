import { xml2js, type Element } from 'xml-js';

/**
 * Reading feeds and other XML in tests. xml-js (the serializer the `feed` library itself uses)
 * parses strictly: malformed XML throws, so parsing is itself a check.
 */

export function parseXml(xml: string): Element {
  return xml2js(xml, { compact: false }) as Element;
}

/** Every element with this name below `el` (and `el` itself), in document order. */
export function elementsNamed(el: Element, name: string): Element[] {
  const found: Element[] = [];
  const walk = (e: Element) => {
    if (e.name === name) found.push(e);
    for (const c of e.elements ?? []) walk(c);
  };
  walk(el);
  return found;
}

/** The text of an element and everything in it, CDATA included. */
export function textOf(el: Element): string {
  return (el.elements ?? []).map((c) => (c.type === 'text' ? String(c.text) : c.type === 'cdata' ? String(c.cdata) : textOf(c))).join('');
}
