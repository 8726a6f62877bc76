"""The kpack tutorial's first step, on current kpack and on kpack v0.0.8, from Python.

Usage: python tutorial.py OUTDIR  (writes OUTDIR/current/step-1.k8s.yaml and OUTDIR/legacy/step-1.k8s.yaml)
The Docker Hub account comes from DOCKERHUB_USERNAME and DOCKERHUB_PASSWORD, or the tutorial's placeholders.
"""
import os
import sys

import cdk8s_plus_27 as kplus
from cdk8s import ApiObjectMetadata, App, Chart, Size
from cdk8s_kpack import (
    BuildImage, BuildpackRef, ClusterBuilder, ClusterStack, ClusterStore, ImageCache, RegistryCredentials, Source,
    legacy,
)

APP_REPOSITORY = "https://github.com/making/hello-golang"
STEP_1_REVISION = "85071eb4aa95f20cc18555aca5e31e2aad874e46"


def docker_hub_login():
    username, password = os.environ.get("DOCKERHUB_USERNAME"), os.environ.get("DOCKERHUB_PASSWORD")
    if username and password:
        return username, password
    print('warning: DOCKERHUB_USERNAME and DOCKERHUB_PASSWORD are not both set: using "making" / "changeme"',
          file=sys.stderr)
    return "making", "changeme"


def tutorial_service_account(chart):
    # The tutorial's ServiceAccount leaves token automounting at the Kubernetes default.
    return kplus.ServiceAccount(chart, "service-account",
                                metadata=ApiObjectMetadata(name="tutorial-service-account"), automount_token=True)


class TutorialChart(Chart):
    """Step 1 on current kpack: kpack builds the builder from a store and a stack."""

    def __init__(self, scope, id, *, username, password):
        super().__init__(scope, id, namespace="default")
        credentials = RegistryCredentials.docker_config_json(
            self, "registry-credentials", metadata=ApiObjectMetadata(name="tutorial-registry-credentials"),
            username=username, password=password)
        service_account = tutorial_service_account(self)
        credentials.add_to(service_account)

        store = ClusterStore(self, "cluster-store", metadata=ApiObjectMetadata(name="default"),
                             sources=["paketobuildpacks/go"])
        stack = ClusterStack(self, "cluster-stack", metadata=ApiObjectMetadata(name="default"),
                             stack_id="io.buildpacks.stacks.jammy",
                             build_image="paketobuildpacks/build-jammy-base",
                             run_image="paketobuildpacks/run-jammy-base")
        builder = ClusterBuilder(self, "cluster-builder", metadata=ApiObjectMetadata(name="default"),
                                 tag=f"{username}/builder", stack=stack, store=store,
                                 service_account=service_account)
        builder.add_group(BuildpackRef.id("paketo-buildpacks/go"))

        BuildImage(self, "hello-golang", metadata=ApiObjectMetadata(name="hello-golang"),
                   tag=f"{username}/hello-golang", service_account=service_account,
                   cache=ImageCache.volume(Size.gibibytes(1.5)), builder=builder,
                   source=Source.git(APP_REPOSITORY, revision=STEP_1_REVISION))


class LegacyTutorialChart(Chart):
    """Step 1 on kpack v0.0.8: a prebuilt builder image and basic-auth registry credentials."""

    def __init__(self, scope, id, *, username, password):
        super().__init__(scope, id)
        builder = legacy.ClusterBuilder(self, "cluster-builder", metadata=ApiObjectMetadata(name="default"),
                                        image="gcr.io/paketo-buildpacks/builder:base")
        credentials = legacy.RegistryCredentials.docker_basic_auth(
            self, "registry-credentials", metadata=ApiObjectMetadata(name="tutorial-registry-credentials"),
            username=username, password=password)
        service_account = tutorial_service_account(self)
        credentials.add_to(service_account)

        legacy.BuildImage(self, "hello-golang", metadata=ApiObjectMetadata(name="hello-golang"),
                          tag=f"{username}/hello-golang", service_account=service_account,
                          cache_size=Size.gibibytes(1.5), builder=builder,
                          source=legacy.Source.git(APP_REPOSITORY, revision=STEP_1_REVISION))


def main(outdir):
    username, password = docker_hub_login()
    for directory, chart in (("current", TutorialChart), ("legacy", LegacyTutorialChart)):
        app = App(outdir=os.path.join(outdir, directory))
        chart(app, "step-1", username=username, password=password)
        app.synth()


if __name__ == "__main__":
    main(sys.argv[1])
