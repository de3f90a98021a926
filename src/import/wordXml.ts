/**
 * Reading WordprocessingML with @xmldom/xmldom: the few DOM helpers the import steps share. Elements are found by
 * their qualified names (`w:p`): Word, WPS, LibreOffice and the docx package all write the `w` prefix.
 */
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';

/** Parses one XML part, throwing on malformed XML (xmldom only warns by default). */
export function parseXml(text: string, part: string): Document {
  const fail = (message: string) => {
    throw new Error(`${part}: ${message}`);
  };
  return new DOMParser({ errorHandler: { warning: () => undefined, error: fail, fatalError: fail } }).parseFromString(text, 'text/xml') as unknown as Document;
}

export function serializeXml(document: Document): string {
  return new XMLSerializer().serializeToString(document as never);
}

/** Every descendant element with this qualified name, in document order. */
export function descendants(node: Document | Element, name: string): Element[] {
  return Array.from(node.getElementsByTagName(name));
}

/** The direct child elements, optionally only those with this qualified name. */
export function children(node: Element, name?: string): Element[] {
  return Array.from(node.childNodes).filter((child): child is Element => child.nodeType === 1 && (name === undefined || (child as Element).tagName === name));
}

export function child(node: Element | null | undefined, name: string): Element | undefined {
  return node ? children(node, name)[0] : undefined;
}

/** `w:val` (or another attribute of the w namespace) of a child element, e.g. the style id of `w:pStyle`. */
export function childValue(node: Element | null | undefined, name: string, attribute = 'w:val'): string | undefined {
  // xmldom returns '' for an absent attribute.
  return child(node, name)?.getAttribute(attribute) || undefined;
}

/** The nearest ancestor with this qualified name. */
export function ancestor(node: Node, name: string): Element | undefined {
  for (let parent = node.parentNode; parent; parent = parent.parentNode) {
    if (parent.nodeType === 1 && (parent as Element).tagName === name) return parent as Element;
  }
  return undefined;
}

/** Visible text of an element as Word shows it: text runs, tabs and breaks; deleted text and fallbacks left out. */
export function textOf(node: Element): string {
  let text = '';
  const visit = (element: Element) => {
    for (const item of children(element)) {
      if (item.tagName === 'w:t') text += item.textContent ?? '';
      else if (item.tagName === 'w:tab') text += '\t';
      else if (item.tagName === 'w:br' || item.tagName === 'w:cr') text += '\n';
      else if (item.tagName === 'w:delText' || item.tagName === 'w:instrText' || item.tagName === 'w:pPr' || item.tagName === 'w:rPr') continue;
      // What Word shows is mc:Choice; the fallback holds the same text again for older readers.
      else if (item.tagName === 'mc:Fallback') continue;
      else visit(item);
    }
  };
  visit(node);
  return text;
}

/** Deleted text of a tracked deletion. */
export function deletedTextOf(node: Element): string {
  return descendants(node, 'w:delText')
    .map((item) => item.textContent ?? '')
    .join('');
}

/** A short quotation for messages: at most `length` characters, whitespace collapsed. */
export function quote(text: string, length = 30): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `“${flat.length > length ? `${flat.slice(0, length)}…` : flat}”`;
}

/** Where an element is, for messages: `paragraph N` (1-based, over every paragraph of the part) and its opening words. */
export function describeParagraph(paragraphs: Element[], node: Node): string {
  const paragraph = node.nodeType === 1 && (node as Element).tagName === 'w:p' ? (node as Element) : ancestor(node, 'w:p');
  if (!paragraph) return 'outside any paragraph';
  return `paragraph ${paragraphs.indexOf(paragraph) + 1} (${quote(textOf(paragraph))})`;
}

/** Moves an element's children in its place and removes it (accepting a tracked insertion, unwrapping a field). */
export function unwrap(element: Element): void {
  const parent = element.parentNode;
  if (!parent) return;
  while (element.firstChild) parent.insertBefore(element.firstChild, element);
  parent.removeChild(element);
}

export function remove(node: Node): void {
  node.parentNode?.removeChild(node);
}
