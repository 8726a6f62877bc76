// An OCI registry in process on loopback (go-containerregistry's pkg/registry), holding the tiny images kpack's
// controller reads: a stack's build and run images, a lifecycle image and buildpackages, as kpack reads them (the
// labels and environment of pkg/cnb's readers, one small layer each). Images are described by a JSON file:
//
//	[{"repository": "paketobuildpacks/go", "kind": "buildpack", "id": "paketo-buildpacks/go", "stack": "..."}, ...]
//
// It prints "registry 127.0.0.1:<port>" once every image is pushed, and serves until it is killed.
package main

import (
	"archive/tar"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

type image struct {
	Repository string `json:"repository"`
	// "build", "run", "lifecycle", "buildpack" or "source".
	Kind    string `json:"kind"`
	Stack   string `json:"stack"`
	ID      string `json:"id"`
	Version string `json:"version"`
}

func layer(files map[string]string) v1.Layer {
	var buf bytes.Buffer
	w := tar.NewWriter(&buf)
	for path, content := range files {
		if err := w.WriteHeader(&tar.Header{Name: path, Mode: 0o755, Size: int64(len(content)), Typeflag: tar.TypeReg}); err != nil {
			log.Fatal(err)
		}
		if _, err := io.WriteString(w, content); err != nil {
			log.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
	l, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(buf.Bytes())), nil })
	if err != nil {
		log.Fatal(err)
	}
	return l
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		log.Fatal(err)
	}
	return string(b)
}

// build returns the image kpack's readers expect for one entry.
func build(spec image) v1.Image {
	labels := map[string]string{}
	var env []string
	var files map[string]string
	switch spec.Kind {
	case "build":
		labels["io.buildpacks.stack.id"] = spec.Stack
		env = []string{"CNB_USER_ID=1001", "CNB_GROUP_ID=1000"}
		files = map[string]string{"etc/os-release": "ID=tiny-build\n"}
	case "run":
		labels["io.buildpacks.stack.id"] = spec.Stack
		files = map[string]string{"etc/os-release": "ID=tiny-run\n"}
	case "lifecycle":
		// pkg/cnb/remote_lifecycle_reader.go: the builder metadata's lifecycle version and APIs; the last layer is
		// the lifecycle kpack puts into builders.
		labels["io.buildpacks.builder.metadata"] = mustJSON(map[string]any{
			"lifecycle": map[string]string{"version": spec.Version},
			"api":       map[string]string{"buildpack": "0.2", "platform": "0.3"},
		})
		labels["io.buildpacks.lifecycle.apis"] = mustJSON(map[string]any{
			"buildpack": map[string][]string{"deprecated": {}, "supported": {"0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "0.10", "0.11"}},
			"platform":  map[string][]string{"deprecated": {}, "supported": {"0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "0.10", "0.11", "0.12", "0.13"}},
		})
		files = map[string]string{"cnb/lifecycle/lifecycle.toml": fmt.Sprintf("[lifecycle]\nversion = %q\n", spec.Version)}
	case "buildpack":
		files = map[string]string{fmt.Sprintf("cnb/buildpacks/%s/%s/buildpack.toml", spec.ID, spec.Version): fmt.Sprintf("api = \"0.10\"\n[buildpack]\nid = %q\nversion = %q\n", spec.ID, spec.Version)}
	case "source":
		files = map[string]string{"main.go": "package main\n\nfunc main() {}\n"}
	default:
		log.Fatalf("unknown kind %q", spec.Kind)
	}
	l := layer(files)
	if spec.Kind == "buildpack" {
		// pkg/cnb/remote_store_reader.go: the buildpackage's id and version, and each buildpack's layer by diff ID.
		diffID, err := l.DiffID()
		if err != nil {
			log.Fatal(err)
		}
		labels["io.buildpacks.buildpackage.metadata"] = mustJSON(map[string]string{"id": spec.ID, "version": spec.Version})
		labels["io.buildpacks.buildpack.layers"] = mustJSON(map[string]any{spec.ID: map[string]any{spec.Version: map[string]any{
			"api": "0.10", "layerDiffID": diffID.String(), "stacks": []map[string]string{{"id": spec.Stack}},
		}}})
	}
	img, err := mutate.AppendLayers(empty.Image, l)
	if err != nil {
		log.Fatal(err)
	}
	cfg, err := img.ConfigFile()
	if err != nil {
		log.Fatal(err)
	}
	cfg = cfg.DeepCopy()
	cfg.OS, cfg.Architecture = "linux", "amd64"
	cfg.Config.Labels = labels
	cfg.Config.Env = env
	img, err = mutate.ConfigFile(img, cfg)
	if err != nil {
		log.Fatal(err)
	}
	return img
}

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: registry <images.json>")
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	var specs []image
	if err := json.Unmarshal(data, &specs); err != nil {
		log.Fatal(err)
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	go func() { log.Fatal(http.Serve(listener, registry.New(registry.Logger(log.New(io.Discard, "", 0))))) }()
	host := listener.Addr().String()
	for _, spec := range specs {
		// A loopback registry is spoken to over plain HTTP, as kpack's controller (go-containerregistry) does.
		ref, err := name.ParseReference(host + "/" + spec.Repository)
		if err != nil {
			log.Fatal(err)
		}
		if err := remote.Write(ref, build(spec)); err != nil {
			log.Fatalf("pushing %s: %v", ref, err)
		}
	}
	fmt.Printf("registry %s\n", host)
	select {}
}
