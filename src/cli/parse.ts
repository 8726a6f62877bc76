import { Composer, CST, Document, isMap, isPair, isScalar, isSeq, Lexer, LineCounter, Parser } from 'yaml';

/** What one YAML stream may hold before it is refused: untrusted files must not exhaust time or memory. */
export interface ParseLimits {
  /** Documents in one stream. */
  readonly maxDocuments: number;
  /** Nesting of collections in one document (the parser's own recursion is bounded by it). */
  readonly maxDepth: number;
  /** The yaml package's bound on alias expansion (its `maxAliasCount`). */
  readonly maxAliasCount: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxDocuments: 10_000, maxDepth: 100, maxAliasCount: 100 };

/** One document of a stream: its value, or why it could not be read. */
export type ParsedDocument =
  | { readonly index: number; readonly value: unknown; readonly error?: undefined }
  | { readonly index: number; readonly error: string; readonly value?: undefined };

/**
 * The documents of a YAML stream, one at a time, so that only one document's tree is in memory at once.
 * A document that breaks a limit, is not valid YAML or repeats a key is an error of its own; a stream with
 * too many documents ends with an error.
 */
export function* parseDocuments(text: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Generator<ParsedDocument> {
  const lineCounter = new LineCounter();
  const at = (offset: number | undefined) => {
    if (offset === undefined) return '';
    const { line, col } = lineCounter.linePos(offset);
    return ` (line ${line}, column ${col})`;
  };
  // uniqueKeys: the yaml package compares every key with every other one (quadratic); ours is linear.
  const composer = new Composer({ uniqueKeys: false, prettyErrors: false, lineCounter } as any);
  const parser = new Parser(lineCounter.addNewLine);
  class TooDeep extends Error {}
  let index = 0;
  let documentTokens = 0;
  const finish = function* (documents: Iterable<Document.Parsed>): Generator<ParsedDocument> {
    for (const document of documents) {
      index++;
      yield readDocument(document, index, limits, at);
    }
  };
  const tokens = function* (): Generator<CST.Token> {
    // Flow collections are counted while lexing: the parser slows down on deep ones before any tree exists.
    let flow = 0;
    lineCounter.addNewLine(0);
    for (const lexeme of new Lexer().lex(text)) {
      if (lexeme === '[' || lexeme === '{') {
        if (++flow > limits.maxDepth) {
          throw new TooDeep();
        }
      } else if ((lexeme === ']' || lexeme === '}') && flow > 0) {
        flow--;
      }
      yield* parser.next(lexeme);
    }
    yield* parser.end();
  };
  try {
    for (const token of tokens()) {
      if (token.type === 'document') {
        // Counted as they come: the composer hands a document over only when the next one starts.
        if (++documentTokens > limits.maxDocuments) {
          yield* finish(composer.end());
          yield { index: index + 1, error: `more than ${limits.maxDocuments} documents: the rest of the file is not read` };
          return;
        }
        if (cstDepth(token) > limits.maxDepth) {
          index++;
          yield { index, error: `nested deeper than ${limits.maxDepth} levels${at(token.offset)}: not read` };
          continue;
        }
      }
      yield* finish(composer.next(token));
    }
  } catch (e) {
    if (!(e instanceof TooDeep)) throw e;
    // The documents before the deep one are still read; the deep one (the last) and the rest are not.
    const documents = [...parser.end()].flatMap(token => [...composer.next(token)]);
    documents.push(...composer.end());
    yield* finish(documents.slice(0, -1));
    yield { index: index + 1, error: `nested deeper than ${limits.maxDepth} levels: the rest of the file is not read` };
    return;
  }
  yield* finish(composer.end());
}

function readDocument(document: Document.Parsed, index: number, limits: ParseLimits, at: (offset?: number) => string): ParsedDocument {
  const error = document.errors[0];
  if (error) {
    return { index, error: `not valid YAML${at(error.pos[0])}: ${error.message.split('\n')[0]}` };
  }
  const duplicate = firstDuplicateKey(document.contents);
  if (duplicate) {
    return { index, error: `not valid YAML${at(duplicate.offset)}: map keys must be unique; "${duplicate.key}" is repeated` };
  }
  try {
    return { index, value: document.toJS({ maxAliasCount: limits.maxAliasCount }) };
  } catch (e) {
    // The yaml package throws for aliases that expand too much or name no anchor of this document.
    return { index, error: `not valid YAML: ${(e as Error).message.split('\n')[0]}` };
  }
}

/** How deep collections nest in a document's concrete syntax tree, walked without recursion. */
function cstDepth(root: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    const token = node as { type?: string; value?: unknown; items?: Array<{ key?: unknown; value?: unknown }> };
    const isCollection = token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection';
    const next = isCollection ? depth + 1 : depth;
    max = Math.max(max, next);
    if (token.value && typeof token.value === 'object') stack.push([token.value, next]);
    for (const item of token.items ?? []) {
      if (item.key) stack.push([item.key, next]);
      if (item.value) stack.push([item.value, next]);
    }
  }
  return max;
}

/** The first key repeated in a map, found in time linear in the number of keys. */
function firstDuplicateKey(root: unknown): { key: string; offset?: number } | undefined {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        if (isScalar(pair.key)) {
          // Keys that become the same JSON key collide, as they would in the object.
          const key = String(pair.key.value);
          if (seen.has(key)) {
            return { key, offset: pair.key.range?.[0] };
          }
          seen.add(key);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return undefined;
}
