"""Three uses of cdk8s-kpack from Python, each reported as `PASS name` or `FAIL name: why`; exits 1 on a failure.

- to-json-override: a Chart subclass overriding to_json() (here: labels every object) synthesizes kpack objects;
- service-account: a ServiceAccount made here gets the registry credentials from add_to();
- validation-error: an invalid Image tag fails synth with the construct path and kpack's message.
"""
import sys
import traceback

import cdk8s_plus_27 as kplus
import yaml
from cdk8s import App, Chart
from cdk8s_kpack import BuildImage, ClusterBuilder, RegistryCredentials, Source

REPOSITORY = "https://github.com/making/hello-golang"


def image(chart, tag):
    return BuildImage(chart, "hello-golang", tag=tag,
                      builder=ClusterBuilder.from_cluster_builder_name(chart, "builder", "default"),
                      source=Source.git(REPOSITORY, revision="main"))


class LabelledChart(Chart):
    def to_json(self):
        objects = super().to_json()
        for obj in objects:
            obj.setdefault("metadata", {}).setdefault("labels", {})["team"] = "builds"
        return objects


def to_json_override():
    app = App()
    image(LabelledChart(app, "labelled", namespace="default"), "making/hello-golang")
    objects = list(yaml.safe_load_all(app.synth_yaml()))
    kinds = sorted(o["kind"] for o in objects)
    assert kinds == ["Image"], f"expected one Image, got {kinds}"
    assert objects[0]["metadata"]["labels"] == {"team": "builds"}, f"labels: {objects[0]['metadata'].get('labels')}"


def service_account():
    app = App()
    chart = Chart(app, "accounts", namespace="default")
    account = kplus.ServiceAccount(chart, "builds")
    RegistryCredentials.docker_config_json(chart, "docker-hub", username="making", password="changeme").add_to(account)
    objects = {o["kind"]: o for o in yaml.safe_load_all(app.synth_yaml())}
    secret = objects["Secret"]["metadata"]["name"]
    assert objects["ServiceAccount"].get("secrets") == [{"name": secret}], objects["ServiceAccount"]
    assert objects["ServiceAccount"].get("imagePullSecrets") == [{"name": secret}], objects["ServiceAccount"]


def validation_error():
    app = App()
    image(Chart(app, "invalid", namespace="default"), "making/Hello")
    try:
        app.synth_yaml()
    except Exception as error:  # jsii raises the JavaScript error as a Python exception
        expected = "[invalid/hello-golang] invalid value: making/Hello: spec.tag"
        assert expected in str(error), f"{expected!r} not in {str(error)!r}"
        assert "hint: repository names must be lowercase" in str(error), str(error)
        return
    raise AssertionError("synth succeeded")


def main():
    failed = 0
    for name, check in (("to-json-override", to_json_override), ("service-account", service_account),
                        ("validation-error", validation_error)):
        try:
            check()
            print(f"PASS {name}")
        except Exception as error:  # report every check, whatever goes wrong
            failed += 1
            print(f"FAIL {name}: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")
            traceback.print_exc(limit=3, file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
