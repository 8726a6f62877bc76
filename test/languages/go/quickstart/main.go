// Command quickstart is the README's quick start, from Go: writes dist/kpack-crds.k8s.yaml, dist/kpack.k8s.yaml and
// dist/tutorial.k8s.yaml.
package main

import (
	"os"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
	"github.com/cdk8s-team/cdk8s-plus-go/cdk8splus27/v2"

	"example.com/cdk8s-kpack/cdk8s-kpack-go/cdk8skpack"
)

func main() {
	defer jsii.Close()
	app := cdk8s.NewApp(nil)
	// the kpack release the library installs: its CRDs, and the rest
	cdk8skpack.NewKpack(cdk8s.NewChart(app, jsii.String("kpack-crds"), nil), jsii.String("kpack"), &cdk8skpack.KpackProps{Crds: cdk8skpack.KpackCrds_ONLY})
	cdk8skpack.NewKpack(cdk8s.NewChart(app, jsii.String("kpack"), nil), jsii.String("kpack"), &cdk8skpack.KpackProps{Crds: cdk8skpack.KpackCrds_EXCLUDE})
	chart := cdk8s.NewChart(app, jsii.String("tutorial"), &cdk8s.ChartProps{Namespace: jsii.String("default")})
	serviceAccount := cdk8splus27.NewServiceAccount(chart, jsii.String("builds"), nil)
	cdk8skpack.RegistryCredentials_DockerConfigJson(chart, jsii.String("docker-hub"), &cdk8skpack.DockerConfigJsonProps{
		Username: jsii.String("making"),
		Password: jsii.String(os.Getenv("DOCKERHUB_PASSWORD")),
	}).AddTo(serviceAccount) // secrets and imagePullSecrets
	builder := cdk8skpack.NewClusterBuilder(chart, jsii.String("builder"), &cdk8skpack.ClusterBuilderProps{
		Tag:            jsii.String("making/builder"),
		ServiceAccount: serviceAccount,
		Store: cdk8skpack.NewClusterStore(chart, jsii.String("store"), &cdk8skpack.ClusterStoreProps{
			Sources: jsii.Strings("paketobuildpacks/go"),
		}),
		Stack: cdk8skpack.NewClusterStack(chart, jsii.String("stack"), &cdk8skpack.ClusterStackProps{
			StackId:    jsii.String("io.buildpacks.stacks.jammy"),
			BuildImage: jsii.String("paketobuildpacks/build-jammy-base"),
			RunImage:   jsii.String("paketobuildpacks/run-jammy-base"),
		}),
	})
	builder.AddGroup(cdk8skpack.BuildpackRef_Id(jsii.String("paketo-buildpacks/go"), nil))
	cdk8skpack.NewBuildImage(chart, jsii.String("hello-golang"), &cdk8skpack.BuildImageProps{
		Tag:            jsii.String("making/hello-golang"),
		Builder:        builder,
		ServiceAccount: serviceAccount,
		Cache:          cdk8skpack.ImageCache_Volume(cdk8s.Size_Gibibytes(jsii.Number(1.5)), nil),
		Source: cdk8skpack.Source_Git(jsii.String("https://github.com/making/hello-golang"), &cdk8skpack.GitSourceOptions{
			Revision: jsii.String("4bae4fb358ba5235ec8c8d9c001821a2017c70cb"),
		}),
	})
	app.Synth()
}
