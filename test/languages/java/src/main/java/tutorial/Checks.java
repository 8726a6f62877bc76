package tutorial;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.plus27.ServiceAccount;
import org.jetbrains.annotations.NotNull;
import software.constructs.Construct;

import com.example.cdk8s.kpack.BuildImage;
import com.example.cdk8s.kpack.ClusterBuilder;
import com.example.cdk8s.kpack.DockerConfigJsonProps;
import com.example.cdk8s.kpack.GitSourceOptions;
import com.example.cdk8s.kpack.RegistryCredentials;
import com.example.cdk8s.kpack.Source;

/**
 * Three uses of cdk8s-kpack from Java, each reported as "PASS name" or "FAIL name: why"; exits 1 on a failure:
 * a Chart subclass overriding toJson(), a ServiceAccount made here given to addTo(), and a validation error
 * whose message (construct path, kpack's text) arrives in the Java exception.
 */
public final class Checks {
    static void image(Construct chart, String tag) {
        BuildImage.Builder.create(chart, "hello-golang")
                .tag(tag)
                .builder(ClusterBuilder.fromClusterBuilderName(chart, "builder", "default"))
                .source(Source.git("https://github.com/making/hello-golang", GitSourceOptions.builder().revision("main").build()))
                .build();
    }

    /** Labels every object it synthesizes. */
    static final class LabelledChart extends Chart {
        LabelledChart(@NotNull Construct scope, @NotNull String id) {
            super(scope, id, ChartProps.builder().namespace("default").build());
        }

        @Override
        @SuppressWarnings("unchecked")
        public @NotNull List<Object> toJson() {
            List<Object> objects = new ArrayList<>(super.toJson());
            for (Object object : objects) {
                Map<String, Object> metadata = (Map<String, Object>) ((Map<String, Object>) object).get("metadata");
                metadata.put("labels", Map.of("team", "builds"));
            }
            return objects;
        }
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    static void toJsonOverride() {
        App app = new App();
        image(new LabelledChart(app, "labelled"), "making/hello-golang");
        String yaml = app.synthYaml();
        check(yaml.contains("kind: Image"), "no Image in:\n" + yaml);
        check(yaml.contains("team: builds"), "the override's label is missing:\n" + yaml);
    }

    static void serviceAccount() {
        App app = new App();
        Chart chart = new Chart(app, "accounts", ChartProps.builder().namespace("default").build());
        ServiceAccount account = new ServiceAccount(chart, "builds");
        RegistryCredentials credentials = RegistryCredentials.dockerConfigJson(chart, "docker-hub",
                DockerConfigJsonProps.builder().username("making").password("changeme").build());
        credentials.addTo(account);
        String secret = credentials.getSecret().getName();
        String yaml = app.synthYaml();
        check(yaml.contains("imagePullSecrets:\n  - name: " + secret), "no image pull secret " + secret + " in:\n" + yaml);
        check(yaml.contains("secrets:\n  - name: " + secret), "no secret " + secret + " in:\n" + yaml);
    }

    static void validationError() {
        App app = new App();
        image(new Chart(app, "invalid", ChartProps.builder().namespace("default").build()), "making/Hello");
        try {
            app.synthYaml();
        } catch (RuntimeException error) { // software.amazon.jsii.JsiiException
            String expected = "[invalid/hello-golang] invalid value: making/Hello: spec.tag";
            check(error.getMessage().contains(expected), "'" + expected + "' not in: " + error.getMessage());
            check(error.getMessage().contains("hint: repository names must be lowercase"), error.getMessage());
            return;
        }
        throw new AssertionError("synth succeeded");
    }

    public static void main(String[] args) {
        Map<String, Runnable> checks = new java.util.LinkedHashMap<>();
        checks.put("to-json-override", Checks::toJsonOverride);
        checks.put("service-account", Checks::serviceAccount);
        checks.put("validation-error", Checks::validationError);
        int failed = 0;
        for (Map.Entry<String, Runnable> check : checks.entrySet()) {
            try {
                check.getValue().run();
                System.out.println("PASS " + check.getKey());
            } catch (Throwable error) { // report every check, whatever goes wrong
                failed++;
                String message = String.valueOf(error.getMessage()).lines().findFirst().orElse("");
                System.out.println("FAIL " + check.getKey() + ": " + error.getClass().getSimpleName() + ": " + message);
                error.printStackTrace();
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
