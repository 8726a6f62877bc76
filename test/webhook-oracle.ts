/**
 * What kpack's webhook code cannot answer, for the property tests: the API server's rule for the names of
 * the core objects the constructs write next to kpack's (Secrets, ServiceAccounts). Every kpack rule is
 * checked against kpack's own code (test/conformance/, test/kpack-verdicts.test.ts); the checks that need
 * more than one object (a Builder's namespace, an ssh source's credentials) are the library's own and are
 * tested with their constructs.
 */
import { Manifest } from './util';

// Kubernetes' DNS-1123 subdomain: the name of a Secret or a ServiceAccount.
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why the API server would reject a core object the library writes (none for other kinds). */
export function coreObjectProblems(object: Manifest): string[] {
  if (object.apiVersion === 'v1' && ['Secret', 'ServiceAccount'].includes(object.kind)) {
    const name = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
    return name.length <= 253 && SUBDOMAIN.test(name) ? [] : ['core object name'];
  }
  return [];
}
