/**
 * A content stream as a list of operators with their operands (ISO 32000-1 §7.8.2), enough to find and rewrite
 * colour operators without being fooled by strings, comments or inline image data. The stream is read as latin1
 * text so that offsets are byte offsets.
 */
export interface Operation {
  operator: string;
  /** Operand tokens as written, e.g. ['.7843', '.1176', '.1569'] or ['/DeviceRGB']. */
  operands: string[];
  /** Byte span from the first operand to the end of the operator. */
  start: number;
  end: number;
}

const whitespace = '\0\t\n\f\r ';
const delimiters = '()<>[]{}/%';
const keywordOperands = new Set(['true', 'false', 'null']);
const number = /^[+-]?(\d+\.?\d*|\.\d+)$/;

export function parseOperations(content: string): Operation[] {
  const operations: Operation[] = [];
  let operands: string[] = [];
  let operandsStart = -1;
  let position = 0;
  while (position < content.length) {
    const char = content[position];
    if (whitespace.includes(char)) {
      position++;
      continue;
    }
    if (char === '%') {
      position = endOfLine(content, position);
      continue;
    }
    const end = delimiters.includes(char) ? endOfDelimitedToken(content, position) : endOfWord(content, position);
    const token = content.slice(position, end);
    if (operandsStart < 0) operandsStart = position;
    if (delimiters.includes(char) || number.test(token) || keywordOperands.has(token)) {
      operands.push(token);
      position = end;
      continue;
    }
    operations.push({ operator: token, operands, start: operandsStart, end });
    // Inline image data is binary and may contain anything; it ends at the first whitespace-delimited EI.
    position = token === 'ID' ? endOfInlineImage(content, end) : end;
    operands = [];
    operandsStart = -1;
  }
  return operations;
}

/** The content with some operations (operands included) replaced by other text. */
export function replaceOperations(content: string, replace: (operation: Operation) => string | undefined): string {
  const parts: string[] = [];
  let copied = 0;
  for (const operation of parseOperations(content)) {
    const replacement = replace(operation);
    if (replacement === undefined) continue;
    parts.push(content.slice(copied, operation.start), replacement);
    copied = operation.end;
  }
  return parts.length === 0 ? content : parts.join('') + content.slice(copied);
}

function endOfLine(content: string, position: number): number {
  while (position < content.length && content[position] !== '\n' && content[position] !== '\r') position++;
  return position;
}

function endOfWord(content: string, position: number): number {
  let end = position;
  while (end < content.length && !whitespace.includes(content[end]) && !delimiters.includes(content[end])) end++;
  return end;
}

function endOfDelimitedToken(content: string, position: number): number {
  const char = content[position];
  if (char === '/') return endOfWord(content, position + 1);
  if (char === '(') return endOfLiteralString(content, position);
  if (char === '<' && content[position + 1] !== '<') return content.indexOf('>', position) + 1 || content.length;
  if ((char === '<' || char === '>') && content[position + 1] === char) return position + 2;
  return position + 1;
}

/** Literal strings nest balanced parentheses and escape others with a backslash. */
function endOfLiteralString(content: string, position: number): number {
  let depth = 0;
  for (let index = position; index < content.length; index++) {
    const char = content[index];
    if (char === '\\') index++;
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return index + 1;
  }
  return content.length;
}

function endOfInlineImage(content: string, position: number): number {
  const endMarker = /[\0\t\n\f\r ]EI(?=[\0\t\n\f\r ]|$)/g;
  endMarker.lastIndex = position;
  return endMarker.exec(content) ? endMarker.lastIndex : content.length;
}

const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

/** The bytes of a string operand, `(literal)` or `<hex>`, as latin1 text (one character a byte). */
export function decodeStringToken(token: string): string {
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1).replace(/[^0-9a-fA-F]/g, '');
    return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex').toString('latin1');
  }
  return token.slice(1, -1).replace(/\\(\r\n|[\r\n]|[0-7]{1,3}|.)/g, (_, escaped: string) => {
    if (/^[0-7]/.test(escaped)) return String.fromCharCode(parseInt(escaped, 8) & 0xff);
    if (/^[\r\n]/.test(escaped)) return ''; // a backslash at the end of a line continues the string
    return escapes[escaped] ?? escaped;
  });
}
