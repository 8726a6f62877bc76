import { isDnsLabel } from '../k8s';
import { Drafts } from './manifest';

/** The namespace of the upstream releases. */
export const UPSTREAM_NAMESPACE = 'kpack';

/**
 * Moves the install to another namespace, keeping every reference to it consistent: the Namespace
 * itself, `metadata.namespace`, RBAC subjects, the webhook Service references of the webhook
 * configurations and CRD conversion, and the RBAC rules that name the namespace. `SYSTEM_NAMESPACE`
 * comes from the pod's own namespace (a fieldRef) and needs no change.
 */
export function moveNamespace(drafts: Drafts, to: string): void {
  for (let index = 0; index < drafts.length; index++) {
    if (mentions(drafts.read(index))) {
      rewrite(drafts.edit(index), to);
    }
  }
}

function mentions(object: any): boolean {
  if (object.kind === 'Namespace' && object.metadata.name === UPSTREAM_NAMESPACE) {
    return true;
  }
  return walk(object, () => true);
}

function rewrite(object: any, to: string): void {
  if (object.kind === 'Namespace' && object.metadata.name === UPSTREAM_NAMESPACE) {
    object.metadata.name = to;
  }
  walk(object, (node, key) => {
    if (key === 'namespace') {
      node.namespace = to;
    } else {
      node.resourceNames = node.resourceNames.map((name: string) => (name === UPSTREAM_NAMESPACE ? to : name));
    }
    return false;
  });
}

/**
 * Visits every `namespace: kpack` field and every RBAC rule on `namespaces` that names kpack;
 * stops when `visit` returns true, and says whether it did.
 */
function walk(node: any, visit: (node: any, key: 'namespace' | 'resourceNames') => boolean): boolean {
  if (Array.isArray(node)) {
    return node.some(child => walk(child, visit));
  }
  if (node === null || typeof node !== 'object') {
    return false;
  }
  if (node.namespace === UPSTREAM_NAMESPACE && visit(node, 'namespace')) {
    return true;
  }
  if (Array.isArray(node.resources) && node.resources.some((r: string) => r === 'namespaces' || r.startsWith('namespaces/'))
    && Array.isArray(node.resourceNames) && node.resourceNames.includes(UPSTREAM_NAMESPACE) && visit(node, 'resourceNames')) {
    return true;
  }
  return Object.values(node).some(child => walk(child, visit));
}

/** Whether `name` is a valid namespace name (an RFC 1123 label). */
export function isNamespaceName(name: string): boolean {
  return isDnsLabel(name);
}
