"""The README's quick start, from Python: writes dist/kpack-crds.k8s.yaml, dist/kpack.k8s.yaml and dist/tutorial.k8s.yaml."""
import os

import cdk8s_plus_27 as kplus
from cdk8s import App, Chart, Size
from cdk8s_kpack import (
    BuildImage, BuildpackRef, ClusterBuilder, ClusterStack, ClusterStore, ImageCache, Kpack, KpackCrds, RegistryCredentials,
    Source,
)

app = App()
Kpack(Chart(app, "kpack-crds"), "kpack", crds=KpackCrds.ONLY)  # the kpack release the library installs: its CRDs,
Kpack(Chart(app, "kpack"), "kpack", crds=KpackCrds.EXCLUDE)  # and the rest
chart = Chart(app, "tutorial", namespace="default")
service_account = kplus.ServiceAccount(chart, "builds")
RegistryCredentials.docker_config_json(
    chart, "docker-hub", username="making", password=os.environ["DOCKERHUB_PASSWORD"],
).add_to(service_account)  # secrets and imagePullSecrets
builder = ClusterBuilder(
    chart, "builder", tag="making/builder", service_account=service_account,
    store=ClusterStore(chart, "store", sources=["paketobuildpacks/go"]),
    stack=ClusterStack(chart, "stack", stack_id="io.buildpacks.stacks.jammy",
                       build_image="paketobuildpacks/build-jammy-base", run_image="paketobuildpacks/run-jammy-base"),
)
builder.add_group(BuildpackRef.id("paketo-buildpacks/go"))
BuildImage(
    chart, "hello-golang", tag="making/hello-golang", builder=builder, service_account=service_account,
    cache=ImageCache.volume(Size.gibibytes(1.5)),
    source=Source.git("https://github.com/making/hello-golang", revision="4bae4fb358ba5235ec8c8d9c001821a2017c70cb"),
)
app.synth()
