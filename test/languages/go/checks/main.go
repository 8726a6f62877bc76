// Command checks runs three uses of cdk8s-kpack from Go, each reported as "PASS name" or "FAIL name: why", and
// exits 1 on a failure: a Chart embedded and its ToJson overridden, a ServiceAccount made here given to
// AddTo(), and a validation error whose message (construct path, kpack's text) arrives in Go's panic.
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
	"github.com/cdk8s-team/cdk8s-plus-go/cdk8splus27/v2"

	"example.com/cdk8s-kpack/cdk8s-kpack-go/cdk8skpack"
)

func image(chart constructs.Construct, tag string) {
	cdk8skpack.NewBuildImage(chart, jsii.String("hello-golang"), &cdk8skpack.BuildImageProps{
		Tag:     jsii.String(tag),
		Builder: cdk8skpack.ClusterBuilder_FromClusterBuilderName(chart, jsii.String("builder"), jsii.String("default")),
		Source:  cdk8skpack.Source_Git(jsii.String("https://github.com/making/hello-golang"), &cdk8skpack.GitSourceOptions{Revision: jsii.String("main")}),
	})
}

// labelledChart labels every object it synthesizes.
type labelledChart struct {
	cdk8s.Chart
}

func newLabelledChart(scope constructs.Construct, id string) cdk8s.Chart {
	chart := &labelledChart{}
	cdk8s.NewChart_Override(chart, scope, jsii.String(id), &cdk8s.ChartProps{Namespace: jsii.String("default")})
	return chart
}

func (c *labelledChart) ToJson() *[]interface{} {
	objects := c.Chart.ToJson()
	for _, object := range *objects {
		metadata := object.(map[string]interface{})["metadata"].(map[string]interface{})
		metadata["labels"] = map[string]interface{}{"team": "builds"}
	}
	return objects
}

func toJSONOverride() error {
	app := cdk8s.NewApp(nil)
	image(newLabelledChart(app, "labelled"), "making/hello-golang")
	yaml := *app.SynthYaml()
	if !strings.Contains(yaml, "kind: Image") {
		return fmt.Errorf("no Image in:\n%s", yaml)
	}
	if !strings.Contains(yaml, "team: builds") {
		return fmt.Errorf("the override's label is missing:\n%s", yaml)
	}
	return nil
}

func serviceAccount() error {
	app := cdk8s.NewApp(nil)
	chart := cdk8s.NewChart(app, jsii.String("accounts"), &cdk8s.ChartProps{Namespace: jsii.String("default")})
	account := cdk8splus27.NewServiceAccount(chart, jsii.String("builds"), nil)
	credentials := cdk8skpack.RegistryCredentials_DockerConfigJson(chart, jsii.String("docker-hub"), &cdk8skpack.DockerConfigJsonProps{
		Username: jsii.String("making"),
		Password: jsii.String("changeme"),
	})
	credentials.AddTo(account)
	secret := *credentials.Secret().Name()
	yaml := *app.SynthYaml()
	for _, list := range []string{"imagePullSecrets", "secrets"} {
		if !strings.Contains(yaml, list+":\n  - name: "+secret) {
			return fmt.Errorf("no %s entry %s in:\n%s", list, secret, yaml)
		}
	}
	return nil
}

func validationError() (err error) {
	app := cdk8s.NewApp(nil)
	image(cdk8s.NewChart(app, jsii.String("invalid"), &cdk8s.ChartProps{Namespace: jsii.String("default")}), "making/Hello")
	defer func() {
		recovered := recover()
		if recovered == nil {
			err = fmt.Errorf("synth succeeded")
			return
		}
		message := fmt.Sprint(recovered) // jsii panics with the JavaScript error
		for _, expected := range []string{"[invalid/hello-golang] invalid value: making/Hello: spec.tag", "hint: repository names must be lowercase"} {
			if !strings.Contains(message, expected) {
				err = fmt.Errorf("%q not in: %s", expected, message)
			}
		}
	}()
	app.SynthYaml()
	return nil
}

// run reports a panic as a failure, so that every check runs.
func run(check func() error) (err error) {
	defer func() {
		if recovered := recover(); recovered != nil {
			err = fmt.Errorf("panic: %v", recovered)
		}
	}()
	return check()
}

func main() {
	failed := 0
	for _, check := range []struct {
		name string
		run  func() error
	}{{"to-json-override", toJSONOverride}, {"service-account", serviceAccount}, {"validation-error", validationError}} {
		if err := run(check.run); err != nil {
			failed++
			fmt.Printf("FAIL %s: %s\n", check.name, strings.SplitN(err.Error(), "\n", 2)[0])
			fmt.Fprintln(os.Stderr, err)
		} else {
			fmt.Printf("PASS %s\n", check.name)
		}
	}
	jsii.Close()
	if failed > 0 {
		os.Exit(1)
	}
}
