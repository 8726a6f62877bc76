import { IConstruct } from 'constructs';
import { redactSecrets } from './redact';

/** Construct metadata type under which cdk8s-kpack records its warnings. */
export const WARNING_METADATA_TYPE = 'cdk8s-kpack:warning';

/**
 * Records a warning on a construct: as metadata (so tools and tests can read it) and as one stderr
 * line per synth, since cdk8s has no warnings API. Never pass a secret's value in `message`.
 */
export function addWarning(scope: IConstruct, text: string): void {
  // Metadata and stderr both get the redacted text: the one redaction of every message.
  const message = redactSecrets(text);
  if (scope.node.metadata.some(entry => entry.type === WARNING_METADATA_TYPE && entry.data === message)) {
    return;
  }
  scope.node.addMetadata(WARNING_METADATA_TYPE, message);
  // Validation runs at synth: a hook that reports no error prints the warning at the right time. cdk8s
  // validates the whole app once per chart, so the line is printed only the first time.
  let printed = false;
  scope.node.addValidation({
    validate: () => {
      if (!printed) {
        printed = true;
        process.stderr.write(`[${scope.node.path}] warning: ${message}\n`);
      }
      return [];
    },
  });
}

/** The warnings recorded on a construct (not its children). */
export function warningsOf(scope: IConstruct): string[] {
  return scope.node.metadata.filter(entry => entry.type === WARNING_METADATA_TYPE).map(entry => String(entry.data));
}

/**
 * Records and prints a warning found during a validation (a cross-object check), once per construct and
 * message: unlike `addWarning`, it prints at once, since the validation that found it is already running.
 */
export function reportWarning(scope: IConstruct, text: string): void {
  const message = redactSecrets(text);
  if (scope.node.metadata.some(entry => entry.type === WARNING_METADATA_TYPE && entry.data === message)) {
    return;
  }
  scope.node.addMetadata(WARNING_METADATA_TYPE, message);
  process.stderr.write(`[${scope.node.path}] warning: ${message}\n`);
}
