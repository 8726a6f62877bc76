/**
 * `npm run tutorial`: writes the kpack tutorial, on kpack v0.0.8 and on kpack v0.18, to dist/tutorial/, and
 * prints the commands that apply it to a fresh cluster.
 *
 * The Docker Hub account comes from DOCKERHUB_USERNAME and DOCKERHUB_PASSWORD, as in the tutorial.
 */
import * as path from 'path';
import { shellLines } from './apply';
import { DockerHubLogin, GENERATIONS, synthTutorial, tutorialApplyCommands } from './tutorial';

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
  for (const generation of GENERATIONS) {
    console.log(`\nOn a fresh cluster, kpack ${generation.version.version} (apply each step after the previous build):`);
    shellLines(tutorialApplyCommands(outdir, generation)).forEach(line => console.log(`  ${line}`));
  }
}
