package tutorial;

import java.nio.file.Path;

import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.App;
import org.cdk8s.AppProps;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.Size;
import org.cdk8s.plus27.ServiceAccount;
import org.jetbrains.annotations.NotNull;
import software.constructs.Construct;

import com.example.cdk8s.kpack.ImageCache;
import com.example.cdk8s.kpack.BuildImage;
import com.example.cdk8s.kpack.BuildpackRef;
import com.example.cdk8s.kpack.ClusterBuilder;
import com.example.cdk8s.kpack.ClusterStack;
import com.example.cdk8s.kpack.ClusterStore;
import com.example.cdk8s.kpack.DockerConfigJsonProps;
import com.example.cdk8s.kpack.GitSourceOptions;
import com.example.cdk8s.kpack.RegistryCredentials;
import com.example.cdk8s.kpack.Source;

/**
 * The kpack tutorial's first step, on current kpack and on kpack v0.0.8, from Java.
 * Usage: Tutorial OUTDIR (writes OUTDIR/current/step-1.k8s.yaml and OUTDIR/legacy/step-1.k8s.yaml).
 * The Docker Hub account comes from DOCKERHUB_USERNAME and DOCKERHUB_PASSWORD, or the tutorial's placeholders.
 */
public final class Tutorial {
    static final String APP_REPOSITORY = "https://github.com/making/hello-golang";
    static final String STEP_1_REVISION = "85071eb4aa95f20cc18555aca5e31e2aad874e46";

    record DockerHubLogin(String username, String password) {
        static DockerHubLogin fromEnvironment() {
            String username = System.getenv("DOCKERHUB_USERNAME");
            String password = System.getenv("DOCKERHUB_PASSWORD");
            if (username != null && !username.isEmpty() && password != null && !password.isEmpty()) {
                return new DockerHubLogin(username, password);
            }
            System.err.println("warning: DOCKERHUB_USERNAME and DOCKERHUB_PASSWORD are not both set: using \"making\" / \"changeme\"");
            return new DockerHubLogin("making", "changeme");
        }
    }

    static ApiObjectMetadata named(String name) {
        return ApiObjectMetadata.builder().name(name).build();
    }

    /** The tutorial's ServiceAccount leaves token automounting at the Kubernetes default. */
    static ServiceAccount tutorialServiceAccount(Construct scope) {
        return ServiceAccount.Builder.create(scope, "service-account")
                .metadata(named("tutorial-service-account"))
                .automountToken(true)
                .build();
    }

    /** Step 1 on current kpack: kpack builds the builder from a store and a stack. */
    static final class TutorialChart extends Chart {
        TutorialChart(@NotNull Construct scope, @NotNull String id, DockerHubLogin login) {
            super(scope, id, ChartProps.builder().namespace("default").build());

            RegistryCredentials credentials = RegistryCredentials.dockerConfigJson(this, "registry-credentials",
                    DockerConfigJsonProps.builder()
                            .metadata(named("tutorial-registry-credentials"))
                            .username(login.username())
                            .password(login.password())
                            .build());
            ServiceAccount serviceAccount = tutorialServiceAccount(this);
            credentials.addTo(serviceAccount);

            ClusterStore store = ClusterStore.Builder.create(this, "cluster-store")
                    .metadata(named("default"))
                    .sources(java.util.List.of("paketobuildpacks/go"))
                    .build();
            ClusterStack stack = ClusterStack.Builder.create(this, "cluster-stack")
                    .metadata(named("default"))
                    .stackId("io.buildpacks.stacks.jammy")
                    .buildImage("paketobuildpacks/build-jammy-base")
                    .runImage("paketobuildpacks/run-jammy-base")
                    .build();
            ClusterBuilder builder = ClusterBuilder.Builder.create(this, "cluster-builder")
                    .metadata(named("default"))
                    .tag(login.username() + "/builder")
                    .stack(stack)
                    .store(store)
                    .serviceAccount(serviceAccount)
                    .build();
            builder.addGroup(BuildpackRef.id("paketo-buildpacks/go"));

            BuildImage.Builder.create(this, "hello-golang")
                    .metadata(named("hello-golang"))
                    .tag(login.username() + "/hello-golang")
                    .serviceAccount(serviceAccount)
                    .cache(ImageCache.volume(Size.gibibytes(1.5)))
                    .builder(builder)
                    .source(Source.git(APP_REPOSITORY, GitSourceOptions.builder().revision(STEP_1_REVISION).build()))
                    .build();
        }
    }

    /** Step 1 on kpack v0.0.8: a prebuilt builder image and basic-auth registry credentials. */
    static final class LegacyTutorialChart extends Chart {
        LegacyTutorialChart(@NotNull Construct scope, @NotNull String id, DockerHubLogin login) {
            super(scope, id);

            com.example.cdk8s.kpack.legacy.ClusterBuilder builder =
                    com.example.cdk8s.kpack.legacy.ClusterBuilder.Builder.create(this, "cluster-builder")
                            .metadata(named("default"))
                            .image("gcr.io/paketo-buildpacks/builder:base")
                            .build();
            com.example.cdk8s.kpack.legacy.RegistryCredentials credentials =
                    com.example.cdk8s.kpack.legacy.RegistryCredentials.dockerBasicAuth(this, "registry-credentials",
                            com.example.cdk8s.kpack.DockerBasicAuthProps.builder()
                                    .metadata(named("tutorial-registry-credentials"))
                                    .username(login.username())
                                    .password(login.password())
                                    .build());
            ServiceAccount serviceAccount = tutorialServiceAccount(this);
            credentials.addTo(serviceAccount);

            com.example.cdk8s.kpack.legacy.BuildImage.Builder.create(this, "hello-golang")
                    .metadata(named("hello-golang"))
                    .tag(login.username() + "/hello-golang")
                    .serviceAccount(serviceAccount)
                    .cacheSize(Size.gibibytes(1.5))
                    .builder(builder)
                    .source(com.example.cdk8s.kpack.legacy.Source.git(APP_REPOSITORY,
                            com.example.cdk8s.kpack.legacy.GitSourceOptions.builder().revision(STEP_1_REVISION).build()))
                    .build();
        }
    }

    public static void main(String[] args) {
        Path outdir = Path.of(args[0]);
        DockerHubLogin login = DockerHubLogin.fromEnvironment();

        App current = new App(AppProps.builder().outdir(outdir.resolve("current").toString()).build());
        new TutorialChart(current, "step-1", login);
        current.synth();

        App legacy = new App(AppProps.builder().outdir(outdir.resolve("legacy").toString()).build());
        new LegacyTutorialChart(legacy, "step-1", login);
        legacy.synth();
    }
}
