/**
 * `npm run tutorial`: writes the kpack tutorial, on kpack v0.0.8 and on kpack v0.17, to dist/tutorial/.
 *
 * The Docker Hub account comes from DOCKERHUB_USERNAME and DOCKERHUB_PASSWORD, as in the tutorial.
 */
import * as path from 'path';
import { DockerHubLogin, synthTutorial } from './tutorial';

/** The tutorial's own example account, used when the environment names none. */
export const PLACEHOLDERS: DockerHubLogin = { username: 'making', password: 'changeme' };

/** The Docker Hub login from the environment, or the placeholders (with a warning) when it is incomplete. */
export function dockerHubFromEnvironment(env: NodeJS.ProcessEnv): DockerHubLogin {
  const username = env.DOCKERHUB_USERNAME;
  const password = env.DOCKERHUB_PASSWORD;
  if (username && password) {
    return { username, password };
  }
  console.warn(
    'warning: DOCKERHUB_USERNAME and DOCKERHUB_PASSWORD are not both set: using the placeholders ' +
    `"${PLACEHOLDERS.username}" / "${PLACEHOLDERS.password}". Set both to push to your own Docker Hub account.`,
  );
  return PLACEHOLDERS;
}

if (require.main === module) {
  const outdir = path.join('dist', 'tutorial');
  const files = synthTutorial(outdir, dockerHubFromEnvironment(process.env));
  console.log(`The kpack tutorial, synthesized to ${outdir}/:`);
  for (const file of files) {
    console.log(`  ${file}`);
  }
  console.log('Apply kpack.k8s.yaml first, then the step files in order (kubectl apply -f <file>).');
}
