/**
 * The only ways migrate writes text from a YAML file into TypeScript: as string literals (every character
 * outside printable ASCII escaped, so no line terminator, quote or lone surrogate can end one), as other JSON
 * values, and as identifiers it derives itself and checks against a safe grammar.
 */

/** A string as a single-quoted TypeScript literal; the only escaping function of migrate. */
export function stringLiteral(value: string): string {
  let out = "'";
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit === 0x5c) {
      out += '\\\\';
    } else if (unit === 0x27) {
      out += "\\'";
    } else if (unit >= 0x20 && unit <= 0x7e) {
      out += value[i];
    } else {
      // Escaped per UTF-16 code unit: CR, LF, U+2028/9, control characters and lone surrogates alike.
      out += `\\u${unit.toString(16).padStart(4, '0')}`;
    }
  }
  return out + "'";
}

/** A number as a literal that evaluates to the same number (`-0` stays `-0`). */
export function numberLiteral(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (Object.is(value, -0)) return '-0';
  return String(value);
}

const RESERVED = new Set(('break case catch class const continue debugger default delete do else enum export extends false '
  + 'finally for function if import in instanceof new null return super switch this throw true try typeof var void while '
  + 'with implements interface let package private protected public static yield any boolean constructor declare get '
  + 'module require number set string symbol type from of async await undefined NaN Infinity arguments eval').split(' '));

/** Whether a name can be written as it is as a variable or a property name. */
export function isSafeIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]{0,99}$/.test(name) && !RESERVED.has(name) && name !== '__proto__';
}

/** A name the generator derived, checked: anything else is a bug of the generator, never written. */
export function identifier(name: string): string {
  if (!isSafeIdentifier(name)) {
    throw new Error(`internal error: ${stringLiteral(name)} is not a safe identifier`);
  }
  return name;
}

/** A property key: bare when safe, quoted otherwise, computed for `__proto__` (a quoted one sets the prototype). */
export function propertyKey(key: string): string {
  if (key === '__proto__') {
    return `[${stringLiteral(key)}]`;
  }
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : stringLiteral(key);
}

/** Any JSON value from a YAML file as a TypeScript expression that evaluates to an equal value. */
export function jsonLiteral(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string': return stringLiteral(value);
    case 'number': return numberLiteral(value);
    case 'boolean': return value ? 'true' : 'false';
    case 'bigint': return `${value}`;
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map(item => jsonLiteral(item === undefined ? null : item)).join(', ')}]`;
      }
      const entries = Object.keys(value as object).filter(k => (value as Record<string, unknown>)[k] !== undefined);
      if (entries.length === 0) return '{}';
      return `{ ${entries.map(k => `${propertyKey(k)}: ${jsonLiteral((value as Record<string, unknown>)[k])}`).join(', ')} }`;
    }
    default:
      throw new Error(`internal error: a ${typeof value} is not a JSON value`);
  }
}
