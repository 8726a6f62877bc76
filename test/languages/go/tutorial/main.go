// Command tutorial writes the kpack tutorial's first step, on current kpack and on kpack v0.0.8, from Go.
//
// Usage: tutorial OUTDIR (writes OUTDIR/current/step-1.k8s.yaml and OUTDIR/legacy/step-1.k8s.yaml).
// The Docker Hub account comes from DOCKERHUB_USERNAME and DOCKERHUB_PASSWORD, or the tutorial's placeholders.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
	"github.com/cdk8s-team/cdk8s-plus-go/cdk8splus27/v2"

	"example.com/cdk8s-kpack/cdk8s-kpack-go/cdk8skpack"
	"example.com/cdk8s-kpack/cdk8s-kpack-go/cdk8skpack/legacy"
)

const (
	appRepository = "https://github.com/making/hello-golang"
	step1Revision = "85071eb4aa95f20cc18555aca5e31e2aad874e46"
)

type dockerHubLogin struct{ username, password string }

func dockerHubFromEnvironment() dockerHubLogin {
	username, password := os.Getenv("DOCKERHUB_USERNAME"), os.Getenv("DOCKERHUB_PASSWORD")
	if username != "" && password != "" {
		return dockerHubLogin{username, password}
	}
	fmt.Fprintln(os.Stderr, `warning: DOCKERHUB_USERNAME and DOCKERHUB_PASSWORD are not both set: using "making" / "changeme"`)
	return dockerHubLogin{"making", "changeme"}
}

func named(name string) *cdk8s.ApiObjectMetadata {
	return &cdk8s.ApiObjectMetadata{Name: jsii.String(name)}
}

// The tutorial's ServiceAccount leaves token automounting at the Kubernetes default.
func tutorialServiceAccount(scope constructs.Construct) cdk8splus27.ServiceAccount {
	return cdk8splus27.NewServiceAccount(scope, jsii.String("service-account"), &cdk8splus27.ServiceAccountProps{
		Metadata:       named("tutorial-service-account"),
		AutomountToken: jsii.Bool(true),
	})
}

// newTutorialChart is step 1 on current kpack: kpack builds the builder from a store and a stack.
func newTutorialChart(scope constructs.Construct, id string, login dockerHubLogin) cdk8s.Chart {
	chart := cdk8s.NewChart(scope, jsii.String(id), &cdk8s.ChartProps{Namespace: jsii.String("default")})

	credentials := cdk8skpack.RegistryCredentials_DockerConfigJson(chart, jsii.String("registry-credentials"), &cdk8skpack.DockerConfigJsonProps{
		Metadata: named("tutorial-registry-credentials"),
		Username: jsii.String(login.username),
		Password: jsii.String(login.password),
	})
	serviceAccount := tutorialServiceAccount(chart)
	credentials.AddTo(serviceAccount)

	store := cdk8skpack.NewClusterStore(chart, jsii.String("cluster-store"), &cdk8skpack.ClusterStoreProps{
		Metadata: named("default"),
		Sources:  jsii.Strings("paketobuildpacks/go"),
	})
	stack := cdk8skpack.NewClusterStack(chart, jsii.String("cluster-stack"), &cdk8skpack.ClusterStackProps{
		Metadata:   named("default"),
		StackId:    jsii.String("io.buildpacks.stacks.jammy"),
		BuildImage: jsii.String("paketobuildpacks/build-jammy-base"),
		RunImage:   jsii.String("paketobuildpacks/run-jammy-base"),
	})
	builder := cdk8skpack.NewClusterBuilder(chart, jsii.String("cluster-builder"), &cdk8skpack.ClusterBuilderProps{
		Metadata:       named("default"),
		Tag:            jsii.String(login.username + "/builder"),
		Stack:          stack,
		Store:          store,
		ServiceAccount: serviceAccount,
	})
	builder.AddGroup(cdk8skpack.BuildpackRef_Id(jsii.String("paketo-buildpacks/go"), nil))

	cdk8skpack.NewBuildImage(chart, jsii.String("hello-golang"), &cdk8skpack.BuildImageProps{
		Metadata:       named("hello-golang"),
		Tag:            jsii.String(login.username + "/hello-golang"),
		ServiceAccount: serviceAccount,
		Cache:          cdk8skpack.ImageCache_Volume(cdk8s.Size_Gibibytes(jsii.Number(1.5)), nil),
		Builder:        builder,
		Source:         cdk8skpack.Source_Git(jsii.String(appRepository), &cdk8skpack.GitSourceOptions{Revision: jsii.String(step1Revision)}),
	})
	return chart
}

// newLegacyTutorialChart is step 1 on kpack v0.0.8: a prebuilt builder image and basic-auth credentials.
func newLegacyTutorialChart(scope constructs.Construct, id string, login dockerHubLogin) cdk8s.Chart {
	chart := cdk8s.NewChart(scope, jsii.String(id), nil)

	builder := legacy.NewClusterBuilder(chart, jsii.String("cluster-builder"), &legacy.ClusterBuilderProps{
		Metadata: named("default"),
		Image:    jsii.String("gcr.io/paketo-buildpacks/builder:base"),
	})
	credentials := legacy.RegistryCredentials_DockerBasicAuth(chart, jsii.String("registry-credentials"), &cdk8skpack.DockerBasicAuthProps{
		Metadata: named("tutorial-registry-credentials"),
		Username: jsii.String(login.username),
		Password: jsii.String(login.password),
	})
	serviceAccount := tutorialServiceAccount(chart)
	credentials.AddTo(serviceAccount)

	legacy.NewBuildImage(chart, jsii.String("hello-golang"), &legacy.BuildImageProps{
		Metadata:       named("hello-golang"),
		Tag:            jsii.String(login.username + "/hello-golang"),
		ServiceAccount: serviceAccount,
		CacheSize:      cdk8s.Size_Gibibytes(jsii.Number(1.5)),
		Builder:        builder,
		Source:         legacy.Source_Git(jsii.String(appRepository), &legacy.GitSourceOptions{Revision: jsii.String(step1Revision)}),
	})
	return chart
}

func main() {
	defer jsii.Close()
	outdir := os.Args[1]
	login := dockerHubFromEnvironment()

	current := cdk8s.NewApp(&cdk8s.AppProps{Outdir: jsii.String(filepath.Join(outdir, "current"))})
	newTutorialChart(current, "step-1", login)
	current.Synth()

	legacyApp := cdk8s.NewApp(&cdk8s.AppProps{Outdir: jsii.String(filepath.Join(outdir, "legacy"))})
	newLegacyTutorialChart(legacyApp, "step-1", login)
	legacyApp.Synth()
}
