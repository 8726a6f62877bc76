package tutorial;

import java.util.List;

import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.Size;
import org.cdk8s.plus27.ServiceAccount;

import com.example.cdk8s.kpack.ImageCache;
import com.example.cdk8s.kpack.BuildImage;
import com.example.cdk8s.kpack.BuildpackRef;
import com.example.cdk8s.kpack.ClusterBuilder;
import com.example.cdk8s.kpack.ClusterStack;
import com.example.cdk8s.kpack.ClusterStore;
import com.example.cdk8s.kpack.DockerConfigJsonProps;
import com.example.cdk8s.kpack.GitSourceOptions;
import com.example.cdk8s.kpack.Kpack;
import com.example.cdk8s.kpack.KpackCrds;
import com.example.cdk8s.kpack.KpackProps;
import com.example.cdk8s.kpack.RegistryCredentials;
import com.example.cdk8s.kpack.Source;

/** The README's quick start, from Java: writes dist/kpack-crds.k8s.yaml, dist/kpack.k8s.yaml and dist/tutorial.k8s.yaml. */
public final class QuickStart {
    public static void main(String[] args) {
        App app = new App();
        // the kpack release the library installs: its CRDs, and the rest
        new Kpack(new Chart(app, "kpack-crds"), "kpack", KpackProps.builder().crds(KpackCrds.ONLY).build());
        new Kpack(new Chart(app, "kpack"), "kpack", KpackProps.builder().crds(KpackCrds.EXCLUDE).build());
        Chart chart = new Chart(app, "tutorial", ChartProps.builder().namespace("default").build());
        ServiceAccount serviceAccount = new ServiceAccount(chart, "builds");
        RegistryCredentials.dockerConfigJson(chart, "docker-hub", DockerConfigJsonProps.builder()
                        .username("making")
                        .password(System.getenv("DOCKERHUB_PASSWORD"))
                        .build())
                .addTo(serviceAccount); // secrets and imagePullSecrets
        ClusterBuilder builder = ClusterBuilder.Builder.create(chart, "builder")
                .tag("making/builder")
                .serviceAccount(serviceAccount)
                .store(ClusterStore.Builder.create(chart, "store").sources(List.of("paketobuildpacks/go")).build())
                .stack(ClusterStack.Builder.create(chart, "stack")
                        .stackId("io.buildpacks.stacks.jammy")
                        .buildImage("paketobuildpacks/build-jammy-base")
                        .runImage("paketobuildpacks/run-jammy-base")
                        .build())
                .build();
        builder.addGroup(BuildpackRef.id("paketo-buildpacks/go"));
        BuildImage.Builder.create(chart, "hello-golang")
                .tag("making/hello-golang")
                .builder(builder)
                .serviceAccount(serviceAccount)
                .cache(ImageCache.volume(Size.gibibytes(1.5)))
                .source(Source.git("https://github.com/making/hello-golang",
                        GitSourceOptions.builder().revision("4bae4fb358ba5235ec8c8d9c001821a2017c70cb").build()))
                .build();
        app.synth();
    }
}
